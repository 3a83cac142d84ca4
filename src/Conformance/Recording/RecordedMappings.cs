using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Conformance.Compare;
using WireMock.Admin.Mappings;

namespace CloudFoundry.Fake.Conformance.Recording;

/// <summary>
/// Turns recorded exchanges into WireMock.Net mappings, one file each. A request matches on method, whether it carries
/// a token, and its URL (any host; the run's unique names as patterns). Repeats of the same request answer in the
/// recorded order through a WireMock.Net scenario per request, the last answer staying. The recorded hosts in bodies
/// and headers become <c>{{request.Origin}}</c> (response templating), so the replaying server links to itself.
/// Secrets in JSON bodies are scrubbed (<see cref="Secrets"/>).
/// </summary>
public static partial class RecordedMappings
{
    private const string OriginTemplate = "{{request.Origin}}";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The mappings for a run's exchanges, in order.</summary>
    public static IReadOnlyList<MappingModel> For(IReadOnlyList<RecordedExchange> exchanges)
    {
        var origins = exchanges.Select(exchange => exchange.Url.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var keys = exchanges.Select(Key).ToList();
        var totals = keys.CountBy(key => key).ToDictionary();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var mappings = new List<MappingModel>();
        for (var index = 0; index < exchanges.Count; index++)
        {
            var exchange = exchanges[index];
            var key = keys[index];
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            var total = totals[key];
            var (body, bytes) = Body(exchange);
            var templated = origins.Any(origin => body?.Contains(origin, StringComparison.OrdinalIgnoreCase) == true
                || exchange.Headers.Any(header => header.Value.Contains(origin, StringComparison.OrdinalIgnoreCase)));
            string Template(string text) => templated ? Templated(text, origins) : text;
            var headers = exchange.Headers.ToDictionary(header => header.Key, header => (object)Template(header.Value), StringComparer.OrdinalIgnoreCase);
            mappings.Add(new MappingModel
            {
                Guid = new Guid(index + 1, 0xcfc, 0x4000, [0x80, 0, 0, 0, 0, 0, 0, 0]),
                Title = $"#{index + 1} {exchange.Method} {exchange.Url.PathAndQuery}",
                Scenario = total > 1 ? key : null,
                WhenStateIs = total > 1 && occurrence > 1 ? State(occurrence) : null,
                SetStateTo = occurrence < total ? State(occurrence + 1) : null,
                Request = new RequestModel
                {
                    Methods = [exchange.Method],
                    Url = new UrlModel { Matchers = [new MatcherModel { Name = "RegexMatcher", Pattern = UrlPattern(exchange.Url) }] },
                    Headers =
                    [
                        new HeaderModel
                        {
                            Name = "Authorization",
                            Matchers = [new MatcherModel { Name = "WildcardMatcher", Pattern = "*", RejectOnMatch = Anonymous(exchange) }],
                            RejectOnMatch = Anonymous(exchange),
                        },
                    ],
                },
                Response = new ResponseModel
                {
                    StatusCode = exchange.Status,
                    Headers = headers,
                    Body = body is null ? null : Template(body),
                    BodyAsBytes = bytes,
                    UseTransformer = templated ? true : null,
                },
            });
        }

        return mappings;
    }

    /// <summary>Writes the mappings of <paramref name="exchanges"/> into <paramref name="directory"/> (created if needed).</summary>
    public static async Task SaveAsync(IReadOnlyList<RecordedExchange> exchanges, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var mappings = For(exchanges);
        for (var index = 0; index < mappings.Count; index++)
        {
            var name = $"{index + 1:D5}-{exchanges[index].Method.ToLowerInvariant()}{FileSafe().Replace(exchanges[index].Url.AbsolutePath, "-").TrimEnd('-')}";
            await File.WriteAllTextAsync(Path.Combine(directory, name[..Math.Min(name.Length, 100)] + ".json"), JsonSerializer.Serialize(mappings[index], WriteOptions), cancellationToken);
        }
    }

    /// <summary>
    /// The URL regular expression of a request: any origin, then the path and query with the run's unique names
    /// (<c>cfc-&lt;run&gt;-N</c>, <c>conformance-org-&lt;run&gt;</c>) open, so another run's requests match.
    /// </summary>
    public static string UrlPattern(Uri url)
    {
        var pattern = ExchangeNormalizer.RunPrefix().Replace(Regex.Escape(url.PathAndQuery), "cfc-[a-z0-9]+-");
        return "^https?://[^/]+" + ExchangeNormalizer.RunSuffix().Replace(pattern, "[0-9a-f]{8}") + "$";
    }

    private static string Key(RecordedExchange exchange) =>
        $"{exchange.Method} {UrlPattern(exchange.Url)} {(exchange.Authorized ? "with token" : "anonymous")}";

    /// <summary>
    /// An anonymous request's mapping rejects any Authorization header: WireMock.Net 1.25 needs the rejection on the
    /// header (for a missing header) and on its matcher (for a present one).
    /// </summary>
    private static bool? Anonymous(RecordedExchange exchange) => exchange.Authorized ? null : true;

    private static string State(int occurrence) => occurrence.ToString(CultureInfo.InvariantCulture);

    private static (string? Text, byte[]? Bytes) Body(RecordedExchange exchange)
    {
        if (exchange.Body.Length == 0)
        {
            return (null, null);
        }

        if (!IsText(exchange.MediaType))
        {
            return (null, exchange.Body);
        }

        var text = Encoding.UTF8.GetString(exchange.Body);
        if (exchange.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && Parse(text) is { } json && Secrets.Scrub(json) is var scrubbed && !ReferenceEquals(scrubbed, json))
        {
            text = scrubbed!.ToJsonString(BodyOptions);
        }

        return (text, null);
    }

    private static string Templated(string text, IReadOnlyList<string> origins) =>
        origins.Aggregate(
            text.Replace("{{", "\\{{", StringComparison.Ordinal),
            (current, origin) => current.Replace(origin, OriginTemplate, StringComparison.OrdinalIgnoreCase));

    private static bool IsText(string? mediaType) =>
        mediaType is null || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("yaml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("[^a-zA-Z0-9]+")]
    private static partial Regex FileSafe();
}
