using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Admin;

/// <summary>One documented operation and whether the fake serves it.</summary>
public sealed record SupportEntry(string Document, string Family, string Method, string Path, string Status, string? Note);

/// <summary>
/// The support matrix: every operation of the documents in <c>specs/</c> checked against the routes the fake actually
/// maps, plus the differences the fake knows it has. Served at <c>/_fake/support</c> and copied into the README by a
/// test.
/// </summary>
public sealed partial class SupportMatrix(EndpointDataSource endpoints)
{
    public const string Served = "served";
    public const string ServedWithDifferences = "served with known differences";
    public const string NotServed = "not served";


    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        ["POST /v3/service_instances"] = "managed instances of any broker are provisioned inside the fake; no OSBAPI calls reach registered brokers yet",
        ["POST /v3/resource_matches"] = "no resource cache: never reports matches, so clients upload every file",
        ["GET /v3/packages/{}/download"] = "answers the bits directly instead of redirecting to a blobstore",
    };

    public IReadOnlyList<SupportEntry> Entries()
    {
        var mapped = MappedRoutes().Select(route => route.Method + " " + Normalize(route.Path)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. SpecDocuments.Names.SelectMany(SpecDocuments.Operations).Select(operation =>
        {
            var key = operation.Method + " " + Normalize(operation.Path);
            var status = !mapped.Contains(key) ? NotServed : KnownDifferences.ContainsKey(key) ? ServedWithDifferences : Served;
            return new SupportEntry(operation.Document, operation.Family, operation.Method, operation.Path, status, KnownDifferences.GetValueOrDefault(key));
        })];
    }

    /// <summary>
    /// Routes the fake maps in a documented area (the first path segment of some documented operation, e.g. v3 or
    /// v2) that no document has: each one is a gap in <c>specs/</c>.
    /// </summary>
    public IReadOnlyList<string> Undocumented()
    {
        var operations = SpecDocuments.Names.SelectMany(SpecDocuments.Operations).ToList();
        var documented = operations.Select(operation => operation.Method + " " + Normalize(operation.Path)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var areas = operations.Select(operation => FirstSegment(operation.Path)).ToHashSet(StringComparer.Ordinal);
        return [.. MappedRoutes()
            .Where(route => areas.Contains(FirstSegment(route.Path)))
            .Select(route => route.Method + " " + Normalize(route.Path))
            .Where(route => !documented.Contains(route))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
    }

    public string Markdown()
    {
        var entries = Entries();
        var text = new StringBuilder();
        foreach (var document in entries.GroupBy(entry => entry.Document))
        {
            text.Append(CultureInfo.InvariantCulture, $"- `specs/{document.Key}.json`: {document.Count(entry => entry.Status != NotServed)} of {document.Count()} operations served");
            text.Append(CultureInfo.InvariantCulture, $" ({document.Count(entry => entry.Status == ServedWithDifferences)} with known differences)\n");
        }

        text.Append("\n| document | family | served | not served |\n|---|---|---|---|\n");
        foreach (var family in entries.GroupBy(entry => (entry.Document, entry.Family)))
        {
            var missing = family.Where(entry => entry.Status == NotServed).Select(entry => $"`{entry.Method} {entry.Path}`");
            text.Append(CultureInfo.InvariantCulture, $"| {family.Key.Document} | {family.Key.Family} | {family.Count(entry => entry.Status != NotServed)}/{family.Count()} | {string.Join(", ", missing)} |\n");
        }

        text.Append("\nKnown differences:\n\n");
        foreach (var entry in entries.Where(entry => entry.Status == ServedWithDifferences))
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{entry.Method} {entry.Path}`: {entry.Note}\n");
        }

        return text.ToString();
    }

    private IEnumerable<(string Method, string Path)> MappedRoutes() =>
        endpoints.Endpoints.OfType<RouteEndpoint>().SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Select(method => (method, "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/'))));

    private static string FirstSegment(string path) => path.TrimStart('/').Split('/')[0];

    private static string Normalize(string path) => ParameterPattern().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex ParameterPattern();
}
