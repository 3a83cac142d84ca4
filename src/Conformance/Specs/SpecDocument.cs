using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Specs;

/// <summary>
/// One OpenAPI 3.0 document of <c>specs/</c> (shipped inside the suite): its operations, and the validation of
/// request and response bodies against their schemas.
/// </summary>
public sealed class SpecDocument
{
    private readonly SchemaSet schemas;

    private SpecDocument(string name, JsonObject root)
    {
        Name = name;
        Root = root;
        Operations = [.. root["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(item => SpecOperation.Methods.Contains(item.Key))
            .Select(item => new SpecOperation(item.Key.ToUpperInvariant(), path.Key, item.Value!.AsObject())))];
        schemas = new SchemaSet(root, Operations);
    }

    /// <summary>The document's file name without extension, e.g. <c>cloudfoundry-v3</c>.</summary>
    public string Name { get; }

    /// <summary>The document as JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>Every operation, in document order.</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>The names of the documents shipped with the suite.</summary>
    public static IReadOnlyList<string> BuiltInNames() =>
        [.. typeof(SpecDocument).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("specs/", StringComparison.Ordinal))
            .Select(name => Path.GetFileNameWithoutExtension(name["specs/".Length..]))
            .Order(StringComparer.Ordinal)];

    /// <summary>Loads a document shipped with the suite by name.</summary>
    public static SpecDocument BuiltIn(string name)
    {
        using var stream = typeof(SpecDocument).Assembly.GetManifestResourceStream("specs/" + name + ".json")
            ?? throw new ArgumentException($"No spec named {name}; known: {string.Join(", ", BuiltInNames())}", nameof(name));
        return Parse(name, stream);
    }

    /// <summary>Reads a document from JSON.</summary>
    public static SpecDocument Parse(string name, Stream json) => new(name, JsonNode.Parse(json)!.AsObject());

    /// <summary>The operation whose path template matches a concrete path (literal segments win over parameters).</summary>
    public SpecOperation? Find(string method, string path) =>
        Operations.Where(operation => operation.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && operation.Matches(path))
            .OrderBy(operation => operation.ParameterCount)
            .FirstOrDefault();

    /// <summary>Problems of a response body against the schema documented for its status (none when it conforms).</summary>
    public IReadOnlyList<string> ValidateResponse(SpecOperation operation, int status, JsonNode? body) =>
        schemas.Validate(operation.ResponseSchemaKey(status), body);

    /// <summary>Problems of a JSON request body against the operation's request schema.</summary>
    public IReadOnlyList<string> ValidateRequest(SpecOperation operation, JsonNode? body) =>
        schemas.Validate(operation.RequestSchemaKey, body);

    /// <summary>Names of all schemas (components and per-operation bodies) the document compiles to.</summary>
    public IReadOnlyCollection<string> SchemaNames => schemas.Names;
}
