using System.Text;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Admin;

/// <summary>One catalog endpoint and whether the fake serves it.</summary>
public sealed record SupportEntry(string Family, string Method, string Path, string Status, string? Note);

/// <summary>
/// The support matrix: every endpoint of the Cloud Controller V3 catalog (<c>specs/catalog</c>) checked against the
/// routes the fake actually maps, plus the differences the fake knows it has. Served at <c>/_fake/support</c> and
/// copied into the README by a test.
/// </summary>
public sealed partial class SupportMatrix(EndpointDataSource endpoints)
{
    public const string Served = "served";
    public const string ServedWithDifferences = "served with known differences";
    public const string NotServed = "not served";

    private static readonly Lazy<IReadOnlyList<(string Family, string Method, string Path)>> Catalog = new(LoadCatalog);

    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        ["POST /v3/service_instances"] = "managed instances come from the built-in broker's catalog; registering external brokers is not served yet",
        ["POST /v3/resource_matches"] = "no resource cache: never reports matches, so clients upload every file",
        ["GET /v3/packages/{}/download"] = "answers the bits directly instead of redirecting to a blobstore",
    };

    public IReadOnlyList<SupportEntry> Entries()
    {
        var mapped = endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => method + " " + Normalize(endpoint.RoutePattern.RawText ?? string.Empty)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. Catalog.Value.Select(row =>
        {
            var key = row.Method + " " + Normalize(row.Path);
            var status = !mapped.Contains(key) ? NotServed : KnownDifferences.ContainsKey(key) ? ServedWithDifferences : Served;
            return new SupportEntry(row.Family, row.Method, row.Path, status, KnownDifferences.GetValueOrDefault(key));
        })];
    }

    public string Markdown()
    {
        var entries = Entries();
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{entries.Count(entry => entry.Status != NotServed)} of {entries.Count} Cloud Controller V3 endpoints served ");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"({entries.Count(entry => entry.Status == ServedWithDifferences)} with known differences).\n\n");
        text.Append("| family | served | not served |\n|---|---|---|\n");
        foreach (var family in entries.GroupBy(entry => entry.Family))
        {
            var missing = family.Where(entry => entry.Status == NotServed).Select(entry => $"`{entry.Method} {entry.Path}`");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {family.Key} | {family.Count(entry => entry.Status != NotServed)}/{family.Count()} | {string.Join(", ", missing)} |\n");
        }

        text.Append("\nKnown differences:\n\n");
        foreach (var entry in entries.Where(entry => entry.Status == ServedWithDifferences))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"- `{entry.Method} {entry.Path}`: {entry.Note}\n");
        }

        return text.ToString();
    }

    private static string Normalize(string path) => ParameterPattern().Replace(path.TrimEnd('/'), "{}");

    private static List<(string Family, string Method, string Path)> LoadCatalog()
    {
        using var stream = typeof(SupportMatrix).Assembly.GetManifestResourceStream("cf-v3-endpoints.tsv")
            ?? throw new InvalidOperationException("The endpoint catalog resource is missing.");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1], parts[2]))];
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex ParameterPattern();
}
