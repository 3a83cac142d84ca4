using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CloudFoundry.Fake.Conformance.Specs;

/// <summary>
/// Every schema of a document compiled once with NJsonSchema: the components, plus one entry per operation request
/// body and per response status (keyed "METHOD path status"). OpenAPI 3.0 specifics are translated to JSON Schema
/// first (<c>nullable</c>, component references).
/// </summary>
internal sealed class SchemaSet
{
    private const string JsonMedia = "application/json";
    private readonly Dictionary<string, JsonSchema?> compiled = new(StringComparer.Ordinal);

    public SchemaSet(JsonObject root, IEnumerable<SpecOperation> operations)
    {
        var definitions = new JsonObject();
        foreach (var (name, schema) in root["components"]?["schemas"]?.AsObject() ?? [])
        {
            definitions[name] = OpenApiSchemas.ToJsonSchema(schema);
        }

        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            AddBody(definitions, bodies, operation.RequestSchemaKey, ResolveBody(root, operation.Operation["requestBody"]));
            foreach (var (status, response) in operation.Operation["responses"]!.AsObject())
            {
                AddBody(definitions, bodies, $"{operation.Method} {operation.Path} {status}", ResolveBody(root, response));
            }
        }

        var document = JsonSchema.FromJsonAsync(new JsonObject { ["definitions"] = definitions }.ToJsonString()).GetAwaiter().GetResult();
        foreach (var (key, definition) in bodies)
        {
            compiled[key] = document.Definitions[definition];
        }

        foreach (var name in document.Definitions.Keys.Where(name => !name.StartsWith("body:", StringComparison.Ordinal)))
        {
            compiled[name] = document.Definitions[name];
        }
    }

    public IReadOnlyCollection<string> Names => compiled.Keys;

    public IReadOnlyList<string> Validate(string key, JsonNode? body)
    {
        if (!compiled.TryGetValue(key, out var schema) || schema is null)
        {
            return [];
        }

        return [.. schema.Validate(body?.ToJsonString() ?? "null").SelectMany(Flatten)];
    }

    /// <summary>The innermost errors, so a bad array item or branch says which field is wrong.</summary>
    private static IEnumerable<string> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(branch => branch.Value).SelectMany(Flatten).Distinct()
            : [$"{error.Path}: {error.Kind}"];

    private static void AddBody(JsonObject definitions, Dictionary<string, string> bodies, string key, JsonNode? schema)
    {
        if (schema is null)
        {
            return;
        }

        var name = "body:" + bodies.Count;
        definitions[name] = OpenApiSchemas.ToJsonSchema(schema);
        bodies[key] = name;
    }

    private static JsonNode? ResolveBody(JsonObject root, JsonNode? holder)
    {
        if (holder?["$ref"]?.GetValue<string>() is { } reference)
        {
            holder = OpenApiSchemas.Resolve(root, reference);
        }

        return holder?["content"]?[JsonMedia]?["schema"];
    }
}
