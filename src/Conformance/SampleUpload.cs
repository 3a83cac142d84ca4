using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Multipart bodies: given text fields and files as they are, every other field the smallest app worth uploading: a zip
/// with a Procfile and a start script, byte for byte the same in every run (so its checksums compare equal across runs
/// and recordings).
/// </summary>
internal static class SampleUpload
{
    private static readonly DateTimeOffset Written = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> Zip = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "Procfile", "web: ./start\n");
            Add(archive, "start", "#!/bin/sh\nexec sleep infinity\n");
        }

        return buffer.ToArray();
    });

    public static MultipartFormDataContent Content(IReadOnlyList<string> fields, JsonObject? values = null)
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

            var bits = new ByteArrayContent(Zip.Value);
            bits.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(bits, field, "app.zip");
        }

        return form;
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        var entry = archive.CreateEntry(name);
        entry.LastWriteTime = Written;
        using var writer = new StreamWriter(entry.Open());
        writer.Write(text);
    }
}
