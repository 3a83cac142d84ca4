using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Compare;

/// <summary>The differences between two JSON documents, each with the JSON pointer where it is.</summary>
public static class JsonDiff
{
    /// <summary>Every place where <paramref name="left"/> and <paramref name="right"/> differ (object keys, array lengths, values).</summary>
    public static IEnumerable<(string Pointer, string Difference)> Of(JsonNode? left, JsonNode? right, string pointer = "")
    {
        switch (left, right)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(pair => pair.Key).Union(b.Select(pair => pair.Key)))
                {
                    var at = pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (!b.ContainsKey(key))
                    {
                        yield return (at, "only in the first target");
                    }
                    else if (!a.ContainsKey(key))
                    {
                        yield return (at, "only in the second target");
                    }
                    else
                    {
                        foreach (var difference in Of(a[key], b[key], at))
                        {
                            yield return difference;
                        }
                    }
                }

                break;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    yield return (pointer, $"{a.Count} items vs {b.Count}");
                }

                for (var index = 0; index < Math.Min(a.Count, b.Count); index++)
                {
                    foreach (var difference in Of(a[index], b[index], $"{pointer}/{index}"))
                    {
                        yield return difference;
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(left, right))
                {
                    yield return (pointer, $"{Show(left)} vs {Show(right)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString() is { Length: > 80 } text ? text[..80] + "…" : node.ToJsonString();
}
