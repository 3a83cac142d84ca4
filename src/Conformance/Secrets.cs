using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// What must never leave a run: tokens, passwords, client secrets and service credentials. Every string under a
/// property of one of these names becomes <see cref="Scrubbed"/>; the shape of the document is kept so it still
/// validates against its schema.
/// </summary>
public static class Secrets
{
    /// <summary>The value a secret is replaced with.</summary>
    public const string Scrubbed = "scrubbed";

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "refresh_token", "id_token", "token", "password", "client_secret", "secret", "credentials",
    };

    /// <summary>A copy of <paramref name="node"/> with every secret scrubbed (the same instance when there is none).</summary>
    public static JsonNode? Scrub(JsonNode? node) => Contains(node) ? Replace(node, inSecret: false) : node;

    private static bool Contains(JsonNode? node) => node switch
    {
        JsonObject json => json.Any(pair => Names.Contains(pair.Key) || Contains(pair.Value)),
        JsonArray array => array.Any(Contains),
        _ => false,
    };

    private static JsonNode? Replace(JsonNode? node, bool inSecret) => node switch
    {
        JsonObject json => new JsonObject(json.Select(pair => KeyValuePair.Create(pair.Key, Replace(pair.Value, inSecret || Names.Contains(pair.Key))))),
        JsonArray array => new JsonArray([.. array.Select(item => Replace(item, inSecret))]),
        JsonValue value when inSecret && value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(Scrubbed),
        _ => node?.DeepClone(),
    };
}
