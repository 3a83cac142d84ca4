using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Admin;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>One operation of a document in <c>specs/</c>, with what a fuzzer needs of it.</summary>
public sealed record SpecOperation(string Document, string Tag, string Method, string Path, bool Public, string? ContentType, JsonObject? BodySchema, JsonNode? Example)
{
    public bool IsTsuru => Document == SpecOperations.Tsuru;

    public IEnumerable<(string Name, string? Type)> BodyProperties =>
        BodySchema?["properties"]?.AsObject().Select(pair => (pair.Key, pair.Value?["type"]?.GetValue<string>())) ?? [];

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The operations of the three served documents, grouped by their first tag.</summary>
public static class SpecOperations
{
    public const string CloudFoundryV3 = "cloudfoundry-v3";
    public const string CloudFoundryV2 = "cloudfoundry-v2-apps";
    public const string Tsuru = "tsuru";

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static readonly Lazy<IReadOnlyList<SpecOperation>> Loaded = new(() => [.. new[] { CloudFoundryV3, CloudFoundryV2, Tsuru }.SelectMany(Load)]);

    public static IReadOnlyList<SpecOperation> All => Loaded.Value;

    /// <summary>Theory rows: one per (document, tag) of the chosen documents.</summary>
    public static TheoryData<string, string> Partitions(Func<string, bool> documents)
    {
        var data = new TheoryData<string, string>();
        foreach (var (document, tag) in All.Where(operation => documents(operation.Document)).Select(operation => (operation.Document, operation.Tag)).Distinct())
        {
            data.Add(document, tag);
        }

        return data;
    }

    public static IEnumerable<SpecOperation> Of(string document, string tag) =>
        All.Where(operation => operation.Document == document && operation.Tag == tag);

    private static IEnumerable<SpecOperation> Load(string document)
    {
        var root = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(SpecRouteTests.RepositoryRoot(), "specs", document + ".json")))!.AsObject();
        var requiresToken = root["security"] is JsonArray { Count: > 0 };
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject().Where(pair => Methods.Contains(pair.Key)))
            {
                var operation = node!.AsObject();
                var security = operation["security"] is JsonArray list ? list : null;
                var isPublic = security is not null
                    ? security.Count == 0 || security.Any(requirement => requirement is JsonObject { Count: 0 })
                    : !requiresToken;
                var content = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault();
                var schema = content?.Value?["schema"] is JsonObject bodySchema ? Resolve(root, bodySchema) : null;
                yield return new SpecOperation(
                    document,
                    operation["tags"]?[0]?.GetValue<string>() ?? "untagged",
                    method.ToUpperInvariant(),
                    path,
                    isPublic,
                    content?.Key,
                    schema,
                    content?.Value?["example"]?.DeepClone());
            }
        }
    }

    private static JsonObject Resolve(JsonObject root, JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(root, reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode)root, (node, part) => node[part]!).AsObject())
            : schema;
}
