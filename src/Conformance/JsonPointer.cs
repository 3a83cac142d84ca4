using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonNode"/>.</summary>
public static class JsonPointer
{
    /// <summary>Whether the pointer resolves (a JSON null counts as present); the value found is returned.</summary>
    public static bool TryResolve(JsonNode? root, string pointer, out JsonNode? value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return root is not null;
        }

        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (value)
            {
                case JsonObject json when json.ContainsKey(token):
                    value = json[token];
                    break;
                case JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count:
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }
}
