using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Specs;

/// <summary>Translation of OpenAPI 3.0 schema objects to plain JSON Schema.</summary>
internal static class OpenApiSchemas
{
    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>
    /// A JSON Schema equivalent of an OpenAPI 3.0 schema: <c>nullable</c> becomes a <c>null</c> type (or an
    /// <c>anyOf</c> with null around composed schemas), component references point at <c>#/definitions</c>, and
    /// OpenAPI-only keywords are dropped.
    /// </summary>
    public static JsonNode? ToJsonSchema(JsonNode? schema)
    {
        switch (schema)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(ToJsonSchema)]);
            case JsonObject source:
                var result = new JsonObject();
                foreach (var (key, value) in source)
                {
                    result[key] = key switch
                    {
                        "$ref" => "#/definitions/" + value!.GetValue<string>()[ComponentPrefix.Length..],
                        "properties" => new JsonObject([.. value!.AsObject().Select(pair => KeyValuePair.Create(pair.Key, ToJsonSchema(pair.Value)))]),
                        "nullable" or "example" or "discriminator" or "readOnly" or "writeOnly" or "xml" or "externalDocs" or "deprecated" => null,
                        _ => ToJsonSchema(value),
                    };
                    if (result[key] is null && value is not null)
                    {
                        result.Remove(key);
                    }
                }

                return source["nullable"]?.GetValue<bool>() == true ? AllowNull(result) : result;
            default:
                return schema?.DeepClone();
        }
    }

    /// <summary>The node a local reference (<c>#/a/b</c>) points at.</summary>
    public static JsonNode? Resolve(JsonObject root, string reference) =>
        reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (node, segment) => node?[segment]);

    private static JsonObject AllowNull(JsonObject schema)
    {
        if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (schema["enum"] is JsonArray values)
            {
                values.Add(null);
            }

            return schema;
        }

        return schema.Count == 0 ? schema : new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, schema) };
    }
}
