using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Features.Manifests;

/// <summary>
/// The <c>manifest_diff</c> of a requested app manifest against the app as it is: JSON-patch-like operations
/// (<c>add</c>, <c>replace</c> with <c>was</c>, <c>remove</c> of list entries the request no longer has) for the keys the
/// request sets.
/// </summary>
public static class ManifestDiff
{
    /// <summary>A parsed YAML value as JSON (scalars stay strings, as YAML gives them).</summary>
    public static JsonNode? ToJson(object? yaml) => yaml switch
    {
        null => null,
        Dictionary<object, object?> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key.ToString()!, ToJson(pair.Value)))),
        List<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(yaml.ToString()),
    };

    public static void Compare(JsonNode? current, JsonNode? requested, string path, JsonArray diff)
    {
        switch (requested)
        {
            case JsonObject wanted when current is JsonObject have:
                foreach (var (key, value) in wanted)
                {
                    var child = $"{path}/{key}";
                    if (!have.ContainsKey(key))
                    {
                        diff.Add(new JsonObject { ["op"] = "add", ["path"] = child, ["value"] = value?.DeepClone() });
                    }
                    else
                    {
                        Compare(have[key], value, child, diff);
                    }
                }

                break;
            case JsonArray wanted when current is JsonArray have:
                for (var index = 0; index < Math.Max(wanted.Count, have.Count); index++)
                {
                    var child = $"{path}/{index}";
                    if (index >= have.Count)
                    {
                        diff.Add(new JsonObject { ["op"] = "add", ["path"] = child, ["value"] = wanted[index]?.DeepClone() });
                    }
                    else if (index >= wanted.Count)
                    {
                        diff.Add(new JsonObject { ["op"] = "remove", ["path"] = child, ["was"] = have[index]?.DeepClone() });
                    }
                    else
                    {
                        Compare(have[index], wanted[index], child, diff);
                    }
                }

                break;
            default:
                if (current is null)
                {
                    diff.Add(new JsonObject { ["op"] = "add", ["path"] = path, ["value"] = requested?.DeepClone() });
                }
                else if (!JsonNode.DeepEquals(current, requested))
                {
                    diff.Add(new JsonObject { ["op"] = "replace", ["path"] = path, ["was"] = current.DeepClone(), ["value"] = requested?.DeepClone() });
                }

                break;
        }
    }
}
