using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>Rewrites the parts of an answer that differ between runs or servers (hosts, request ids, optionally timestamps and GUIDs).</summary>
internal sealed partial class CfSnapshotNormalizer(Uri? requestUri, CfSnapshotOptions options)
{
    public const string RequestId = "<request-id>";

    private readonly Dictionary<string, string> guids = new(StringComparer.OrdinalIgnoreCase);

    public JsonNode? Node(JsonNode? node) => node switch
    {
        JsonObject value => new JsonObject(value.Select(property => KeyValuePair.Create(property.Key, Node(property.Value)))),
        JsonArray value => new JsonArray([.. value.Select(Node)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Text(text)),
        _ => node?.DeepClone(),
    };

    public string Text(string text)
    {
        if (requestUri is not null)
        {
            var origin = requestUri.GetLeftPart(UriPartial.Authority);
            text = Regex.Replace(text, Regex.Escape(origin) + "(/foundations/[^/\"\\s?]+)?", options.Host, RegexOptions.IgnoreCase);
        }

        if (options.Timestamps)
        {
            text = Timestamp().Replace(text, "<timestamp>");
        }

        return options.Guids ? GuidPattern().Replace(text, match => GuidName(match.Value)) : text;
    }

    private string GuidName(string guid)
    {
        if (!guids.TryGetValue(guid, out var name))
        {
            guids[guid] = name = string.Create(CultureInfo.InvariantCulture, $"<guid-{guids.Count + 1}>");
        }

        return name;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
