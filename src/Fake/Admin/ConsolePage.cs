using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;

namespace CloudFoundry.Fake.Admin;

/// <summary>
/// The web console at <c>/_fake/console/</c>: static HTML, JavaScript and CSS embedded in the fake's assembly (from
/// <c>src/Fake/Console</c>). The page only calls the admin API and the platform APIs, like any other client.
/// </summary>
public sealed class ConsolePage : IFeatureModule
{
    public const string Path = "/_fake/console/";
    private const string Prefix = "console/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(Load);

    public void Map(IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<FakeOptions>().Console)
        {
            return;
        }

        routes.MapGet("/_fake/console", (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Serve("index.html")
            : Results.Redirect(context.Request.PathBase + Path));
        routes.MapGet("/_fake/console/{file}", (string file) => Serve(file));
    }

    private static IResult Serve(string file) =>
        Files.Value.TryGetValue(file, out var content)
            ? Results.Bytes(content, ContentTypes[System.IO.Path.GetExtension(file)])
            : Results.NotFound(new { error = $"The console has no file named '{file}'." });

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(ConsolePage).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(
                resource => resource[Prefix.Length..],
                resource =>
                {
                    using var stream = assembly.GetManifestResourceStream(resource)!;
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    return copy.ToArray();
                },
                StringComparer.Ordinal);
    }
}
