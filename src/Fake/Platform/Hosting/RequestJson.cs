using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>
/// Parses a client's JSON the way Cloud Controller (Ruby) and Tsuru (Go) do: a key given twice keeps its last value
/// instead of failing later, when the object is first read. Anything unparseable throws <see cref="JsonException"/>.
/// </summary>
public static class RequestJson
{
    public static JsonNode? Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return Convert(document.RootElement);
    }

    public static JsonNode? Parse(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return Convert(document.RootElement);
    }

    private static JsonNode? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(element.EnumerateObject()
            .GroupBy(property => property.Name, StringComparer.Ordinal)
            .Select(group => KeyValuePair.Create(group.Key, Convert(group.Last().Value)))),
        JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(Convert)]),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element.Clone()),
    };
}
