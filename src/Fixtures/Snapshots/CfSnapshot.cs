using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// Snapshot tests of Cloud Controller answers with Snapshooter: status, the headers worth comparing and the JSON body go to
/// the test's <c>__snapshots__</c> file, with request ids and the API's host replaced so the snapshot holds on every run,
/// on the fake in-process or in Kestrel mode (and, with <see cref="CfSnapshotOptions.RealFoundation"/>, on a real foundation).
/// </summary>
public static class CfSnapshot
{
    /// <summary>Compares the answer with the test's snapshot (call it from the test method itself: it names the snapshot).</summary>
    public static Task MatchCfSnapshotAsync(this HttpResponseMessage response, CfSnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= CfSnapshotOptions.Default;
        var name = options.NameExtension is null ? Snapshot.FullName() : Snapshot.FullName(SnapshotNameExtension.Create(options.NameExtension));
        return MatchAsync(response, options, name);
    }

    /// <summary>Compares a JSON document (already read from an answer) with the test's snapshot.</summary>
    public static void MatchCfSnapshot(this JsonNode body, CfSnapshotOptions? options = null, Uri? apiAddress = null)
    {
        options ??= CfSnapshotOptions.Default;
        var name = options.NameExtension is null ? Snapshot.FullName() : Snapshot.FullName(SnapshotNameExtension.Create(options.NameExtension));
        Match(new CfSnapshotNormalizer(apiAddress, options).Node(body), name);
    }

    /// <summary>The normalized form the snapshot stores: status, kept headers and body (JSON, or text when not JSON).</summary>
    public static async Task<JsonObject> NormalizeAsync(HttpResponseMessage response, CfSnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= CfSnapshotOptions.Default;
        var normalizer = new CfSnapshotNormalizer(response.RequestMessage?.RequestUri, options);
        var headers = new JsonObject();
        foreach (var header in options.Headers)
        {
            if (response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values))
            {
                var value = string.Join(", ", values);
                headers[header] = header.Equals("X-Vcap-Request-Id", StringComparison.OrdinalIgnoreCase) ? CfSnapshotNormalizer.RequestId : normalizer.Text(value);
            }
        }

        var text = await response.Content.ReadAsStringAsync();
        return new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["headers"] = headers,
            ["body"] = normalizer.Node(Parse(text)),
        };
    }

    private static async Task MatchAsync(HttpResponseMessage response, CfSnapshotOptions options, SnapshotFullName name) =>
        Match(await NormalizeAsync(response, options), name);

    private static void Match(JsonNode? normalized, SnapshotFullName name) =>
        Snapshot.Match(normalized is null ? JValue.CreateNull() : JToken.Parse(normalized.ToJsonString()), name);

    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
