using System.Text.Json;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Errors;

/// <summary>One entry of Cloud Controller's error catalogue (errors/v2.yml and errors/v3.yml).</summary>
public sealed record CatalogueEntry(string Name, int Code, int HttpCode, string Message, string Catalogue);

/// <summary>The upstream error catalogue, every entry available by name.</summary>
public static class ErrorCatalogue
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Lazy<IReadOnlyDictionary<string, CatalogueEntry>> Entries = new(Load);

    public static IReadOnlyCollection<CatalogueEntry> All => [.. Entries.Value.Values];

    public static CatalogueEntry Get(string name) =>
        Entries.Value.TryGetValue(name, out var entry)
            ? entry
            : throw new ArgumentException($"'{name}' is not in the Cloud Controller error catalogue.", nameof(name));

    private static Dictionary<string, CatalogueEntry> Load()
    {
        using var stream = typeof(ErrorCatalogue).Assembly.GetManifestResourceStream("cf-errors.json")
            ?? throw new InvalidOperationException("The error catalogue resource is missing.");
        var entries = JsonSerializer.Deserialize<List<CatalogueEntry>>(stream, SnakeCase) ?? [];
        var byName = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
        foreach (var entry in entries.OrderBy(entry => entry.Catalogue == "v3" ? 0 : 1))
        {
            byName.TryAdd(entry.Name, entry);
        }

        return byName;
    }
}
