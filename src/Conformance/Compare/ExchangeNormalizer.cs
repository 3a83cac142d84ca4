using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Conformance.Compare;

/// <summary>
/// Makes one target's exchanges comparable with another's: GUIDs become <c>guid-N</c> by first appearance, timestamps
/// <c>&lt;time&gt;</c>, the target's address <c>&lt;target&gt;</c>, and the names a run makes unique (<c>cfc-&lt;run&gt;-</c>,
/// <c>conformance-org-&lt;run&gt;</c>); secrets are scrubbed (<see cref="Secrets"/>).
/// One normalizer per target and run, fed the exchanges in the order they happened.
/// </summary>
public sealed partial class ExchangeNormalizer(Uri target)
{
    private readonly Dictionary<string, string> guids = new(StringComparer.OrdinalIgnoreCase);
    private readonly string root = target.GetLeftPart(UriPartial.Authority);

    /// <summary>The request line and the answer's body with what may differ between targets replaced.</summary>
    public (string Request, int Status, JsonNode? Body) Normalize(Exchange exchange) =>
        ($"{exchange.Method} {Text(exchange.Path)}", exchange.Status, Node(Secrets.Scrub(exchange.Body)));

    private JsonNode? Node(JsonNode? node) => node switch
    {
        JsonObject json => new JsonObject(json.Select(pair => KeyValuePair.Create(pair.Key, Node(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Node)]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(Text(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    private string Text(string text)
    {
        text = text.Replace(root, "<target>", StringComparison.OrdinalIgnoreCase);
        text = RunPrefix().Replace(text, "cfc-<run>-");
        text = RunSuffix().Replace(text, "<run>");
        text = Timestamp().Replace(text, "<time>");
        return Guid().Replace(text, match =>
        {
            if (!guids.TryGetValue(match.Value, out var name))
            {
                name = $"guid-{guids.Count + 1}";
                guids[match.Value] = name;
            }

            return name;
        });
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Timestamp();

    [GeneratedRegex("cfc-[a-z0-9]+-")]
    internal static partial Regex RunPrefix();

    /// <summary>The curated scenarios' <c>{run}</c> value: eight hex digits after a word and a dash (<c>conformance-org-1a2b3c4d</c>).</summary>
    [GeneratedRegex(@"(?<=[a-z]-)[0-9a-f]{8}\b")]
    internal static partial Regex RunSuffix();
}
