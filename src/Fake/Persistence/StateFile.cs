using System.Text.Json;

namespace CloudFoundry.Fake.Persistence;

/// <summary>
/// The file the standalone server keeps its default foundation in (<c>--state-file</c>). Saves are atomic: the document
/// is written to <c>PATH.tmp</c>, flushed to disk, then moved over the file, so the file always holds a complete save.
/// </summary>
public sealed class StateFile(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The saved foundation, or null when the file does not exist yet.</summary>
    /// <exception cref="StateFileException">The file exists but cannot be read or is not a complete state file.</exception>
    public SavedFoundation? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(Path);
            using var document = JsonDocument.Parse(stream);
            return WorldDocument.Read(document.RootElement);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or FormatException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new StateFileException($"Cannot load the state file '{Path}': {error.Message} Fix or delete the file, or start without --state-file.", error);
        }
    }

    public void Save(SavedFoundation saved)
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            WorldDocument.Write(stream, saved);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
