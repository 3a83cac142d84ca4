using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Multipart bodies: given text fields and files as they are, every other field the smallest app worth uploading: a
/// Procfile and a start script, as a zip or a tar.gz, byte for byte the same in every run (so its checksums compare
/// equal across runs and recordings).
/// </summary>
internal static class SampleUpload
{
    private static readonly DateTimeOffset Written = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string Text, UnixFileMode Mode)[] Files =
    [
        ("Procfile", "web: ./start\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
        ("start", "#!/bin/sh\nexec sleep infinity\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute),
    ];

    private static readonly Lazy<byte[]> Zip = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text, _) in Files)
            {
                var entry = archive.CreateEntry(name);
                entry.LastWriteTime = Written;
                using var writer = new StreamWriter(entry.Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    });

    private static readonly Lazy<byte[]> TarGz = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, text, mode) in Files)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = Written,
                    Mode = mode,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                });
            }
        }

        return buffer.ToArray();
    });

    /// <summary>The archive's bytes.</summary>
    public static byte[] Bytes(SampleArchive archive) => archive == SampleArchive.TarGz ? TarGz.Value : Zip.Value;

    public static MultipartFormDataContent Content(IReadOnlyList<string> fields, SampleArchive archive, JsonObject? values = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var field in fields)
        {
            if (values?[field] is JsonObject file)
            {
                form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(file["content"]!.GetValue<string>())), field, file["filename"]!.GetValue<string>());
                continue;
            }

            if (values?[field] is JsonValue text)
            {
                form.Add(new StringContent(text.ToString(), Encoding.UTF8), field);
                continue;
            }

            if (field == "resources")
            {
                form.Add(new StringContent("[]", Encoding.UTF8), field);
                continue;
            }

            var bits = new ByteArrayContent(Bytes(archive));
            bits.Headers.ContentType = new MediaTypeHeaderValue(archive == SampleArchive.TarGz ? "application/gzip" : "application/zip");
            form.Add(bits, field, archive == SampleArchive.TarGz ? "archive.tar.gz" : "app.zip");
        }

        return form;
    }
}
