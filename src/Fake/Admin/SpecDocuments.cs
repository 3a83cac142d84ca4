using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Admin;

/// <summary>One operation of a document in <c>specs/</c>.</summary>
public sealed record SpecOperation(string Document, string Family, string Method, string Path);

/// <summary>
/// The OpenAPI documents of <c>specs/</c>, shipped inside the fake: served at <c>/_fake/specs/{name}</c> and the
/// list of operations the support matrix and the route tests check the fake's routes against.
/// </summary>
public static class SpecDocuments
{
    private const string Prefix = "specs/";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private static readonly Lazy<Dictionary<string, string>> Texts = new(Load);

    /// <summary>Document names, e.g. <c>cloudfoundry-v3</c>.</summary>
    public static IReadOnlyList<string> Names => [.. Texts.Value.Keys.Order(StringComparer.Ordinal)];

    public static string? Text(string name) => Texts.Value.GetValueOrDefault(name);

    /// <summary>Every operation of a document, in document order; the family is the operation's first tag.</summary>
    public static IReadOnlyList<SpecOperation> Operations(string name)
    {
        var document = JsonNode.Parse(Text(name) ?? throw new ArgumentException($"No spec named {name}.", nameof(name)))!;
        return [.. document["paths"]!.AsObject().SelectMany(path => Methods
            .Where(method => path.Value![method] is not null)
            .Select(method => new SpecOperation(name, path.Value![method]!["tags"]?[0]?.GetValue<string>() ?? string.Empty, method.ToUpperInvariant(), path.Key)))];
    }

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(SpecDocuments).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(
                resource => Path.GetFileNameWithoutExtension(resource[Prefix.Length..]),
                resource =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                    return reader.ReadToEnd();
                },
                StringComparer.Ordinal);
    }
}
