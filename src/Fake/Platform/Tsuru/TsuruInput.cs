using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.Hosting;

namespace CloudFoundry.Fake.Platform.Tsuru;

/// <summary>
/// A Tsuru request's input: query string, form fields or a JSON object, read case-insensitively as the Go server's
/// form decoder does. Repeated keys (<c>tag=a&amp;tag=b</c>) keep every value.
/// </summary>
public sealed class TsuruInput
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<TsuruInput> ReadAsync(HttpRequest request)
    {
        var input = new TsuruInput();
        foreach (var (key, value) in request.Query)
        {
            input.AddAll(key, value);
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                input.AddAll(key, value);
            }
        }
        else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            try
            {
                if (text.Length > 0 && RequestJson.Parse(text) is JsonObject json)
                {
                    foreach (var (key, node) in json)
                    {
                        input.AddJson(key, node);
                    }
                }
            }
            catch (JsonException exception)
            {
                throw TsuruException.BadRequest($"unable to parse as json: \"{text}\" - {exception.Message}");
            }
        }

        return input;
    }

    public string? Value(string key) => values.TryGetValue(key, out var list) && list.Count > 0 ? list[^1] : null;

    public IReadOnlyList<string> Values(string key) => values.TryGetValue(key, out var list) ? list : [];

    /// <summary>A boolean field, or null when it is absent or not a boolean.</summary>
    public bool? OptionalFlag(string key) => bool.TryParse(Value(key), out var flag) ? flag : null;

    public bool Flag(string key) => string.Equals(Value(key), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fields of a nested map (<c>opts.a=1</c> or <c>{"opts":{"a":1}}</c>), keyed by the part after the prefix.</summary>
    public ImmutableSortedDictionary<string, string> Map(string prefix) =>
        values.Where(pair => pair.Key.Length > prefix.Length + 1 && pair.Key.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase) && pair.Value.Count > 0)
            .ToImmutableSortedDictionary(pair => pair.Key[(prefix.Length + 1)..], pair => pair.Value[^1], StringComparer.Ordinal);

    private void AddAll(string key, IEnumerable<string?> items)
    {
        foreach (var item in items)
        {
            Add(key, item ?? string.Empty);
        }
    }

    private void AddJson(string key, JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    if (array[index] is JsonObject entry)
                    {
                        foreach (var (child, value) in entry)
                        {
                            AddJson($"{key}.{index}.{child}", value);
                        }
                    }
                    else
                    {
                        AddJson(key, array[index]);
                    }
                }

                break;
            case JsonObject child:
                foreach (var (name, value) in child)
                {
                    AddJson($"{key}.{name}", value);
                }

                break;
            case null:
                break;
            default:
                Add(key, node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());
                break;
        }
    }

    private void Add(string key, string value)
    {
        if (!values.TryGetValue(key, out var list))
        {
            list = [];
            values[key] = list;
        }

        list.Add(value);
    }
}
