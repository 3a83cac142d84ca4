using System.IO.Compression;
using System.Net.Http.Headers;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>The bits <see cref="Given.PushedApp"/> uploads: a page and a <c>Staticfile</c>, which staticfile_buildpack stages anywhere.</summary>
internal static class StaticAppBits
{
    public const string Buildpack = "staticfile_buildpack";

    private static readonly Lazy<byte[]> Zip = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "Staticfile", string.Empty);
            Add(archive, "index.html", "<!doctype html><title>cf fake</title><p>Hello from a pushed app.</p>\n");
        }

        return buffer.ToArray();
    });

    /// <summary>The multipart form of <c>POST /v3/packages/{guid}/upload</c>: the zip in <c>bits</c>, no cached resources.</summary>
    public static MultipartFormDataContent Upload()
    {
        var bits = new ByteArrayContent(Zip.Value);
        bits.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return new MultipartFormDataContent { { new StringContent("[]"), "resources" }, { bits, "bits", "app.zip" } };
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open());
        writer.Write(text);
    }
}
