using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>One answer of the target: status, parsed JSON body (null when empty or not JSON), raw text and Location.</summary>
public sealed record Exchange(string Method, string Path, string? RequestBody, int Status, JsonNode? Body, string Text, Uri? Location, string? ContentType = null)
{
    /// <summary>Whether the answer claims to be JSON.</summary>
    public bool IsJson => ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A short, human-readable form for reports.</summary>
    public override string ToString() =>
        $"{Method} {Path}{(RequestBody is null ? string.Empty : " " + RequestBody)} -> {Status} {(Text.Length > 600 ? Text[..600] + "…" : Text)}";
}

/// <summary>
/// Sends requests to the target with the run's token: JSON in and out, 429 answers retried after the announced reset,
/// jobs followed to completion, and every exchange handed to an optional recorder.
/// </summary>
public sealed class TargetClient(HttpClient http, string? token, TimeSpan? pollInterval = null)
{
    private const int MaxPolls = 60;
    private const int MaxRateLimitRetries = 3;

    /// <summary>How long to wait between polls of a job or a resource.</summary>
    public TimeSpan PollInterval { get; } = pollInterval ?? TimeSpan.FromSeconds(1);

    /// <summary>Called with every exchange (for recording).</summary>
    public event Action<Exchange>? Exchanged;

    /// <summary>How websockets are opened (over the network unless an in-process server gives its own way).</summary>
    public WebSocketOpener WebSockets { get; init; } = ClientWebSockets.OpenAsync;

    /// <summary>
    /// Opens a websocket to <paramref name="path"/> of the target with the run's headers and token, and an
    /// <c>Origin</c> of the target itself (some servers refuse an upgrade without one).
    /// </summary>
    public Task<WebSocket> OpenWebSocketAsync(string path, CancellationToken cancellationToken = default)
    {
        var address = new UriBuilder(new Uri(http.BaseAddress!, path)) { Scheme = http.BaseAddress!.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        var headers = http.DefaultRequestHeaders.ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
        headers["Origin"] = http.BaseAddress.GetLeftPart(UriPartial.Authority);
        if (token is not null)
        {
            headers["Authorization"] = "bearer " + token;
        }

        return WebSockets(address.Uri, headers, cancellationToken);
    }

    /// <summary>Sends one request; <paramref name="rawBody"/> is sent as JSON text when given.</summary>
    public Task<Exchange> SendAsync(string method, string path, string? rawBody = null, bool anonymous = false, CancellationToken cancellationToken = default) =>
        SendTextAsync(method, path, rawBody, "application/json", anonymous, cancellationToken);

    /// <summary>Sends one request with a body of another media type (a YAML manifest), when given.</summary>
    public Task<Exchange> SendTextAsync(string method, string path, string? text, string mediaType, bool anonymous = false, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, text, text is null ? null : () => new StringContent(text, Encoding.UTF8, mediaType), anonymous, cancellationToken);

    /// <summary>
    /// Uploads a small app (a Procfile and a start script, packed as <paramref name="archive"/>) as multipart form data:
    /// binary fields get the archive, a <c>resources</c> field an empty list, as the cf CLI sends them.
    /// </summary>
    public Task<Exchange> UploadAsync(string path, IReadOnlyList<string> fields, SampleArchive archive = SampleArchive.Zip, bool anonymous = false, CancellationToken cancellationToken = default) =>
        SendFormAsync("POST", path, fields, null, archive, anonymous, cancellationToken);

    /// <summary>
    /// Sends multipart form data: a field with a value in <paramref name="values"/> carries it (a string as a text field,
    /// <c>{"filename": ..., "content": ...}</c> as a file), the others what <see cref="UploadAsync"/> sends.
    /// </summary>
    public Task<Exchange> SendFormAsync(string method, string path, IReadOnlyList<string> fields, JsonObject? values, SampleArchive archive = SampleArchive.Zip, bool anonymous = false, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, $"multipart: {string.Join(", ", fields)}{(archive == SampleArchive.Zip ? string.Empty : " (tar.gz)")}", () => SampleUpload.Content(fields, archive, values), anonymous, cancellationToken);

    /// <summary>A client of the same target that sends another token (a second session); its exchanges are reported here too.</summary>
    public TargetClient WithToken(string otherToken)
    {
        var other = new TargetClient(http, otherToken, PollInterval);
        other.Exchanged += exchange => Exchanged?.Invoke(exchange);
        return other;
    }

    /// <summary>
    /// Starts an upload (as <see cref="UploadAsync"/>) and returns as soon as its headers arrive, with the value of
    /// <paramref name="header"/>; the rest of the answer is read in the background (<c>Completion</c>). For long,
    /// streamed operations (a Tsuru deploy) the run acts on while they go on.
    /// </summary>
    public async Task<(string? Value, Task<Exchange> Completion)> StartUploadAsync(string path, IReadOnlyList<string> fields, SampleArchive archive, string header, CancellationToken cancellationToken = default)
    {
        var request = Request("POST", path, SampleUpload.Content(fields, archive), anonymous: false);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var value = response.Headers.TryGetValues(header, out var values) ? values.FirstOrDefault() : null;
        return (value, CompleteAsync());

        async Task<Exchange> CompleteAsync()
        {
            using (request)
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var exchange = new Exchange("POST", path, $"multipart: {string.Join(", ", fields)} (started)", (int)response.StatusCode, ParseJson(text), text, response.Headers.Location, response.Content.Headers.ContentType?.MediaType);
                Exchanged?.Invoke(exchange);
                return exchange;
            }
        }
    }

    private HttpRequestMessage Request(string method, string path, HttpContent? content, bool anonymous)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (!anonymous && token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
        }

        return request;
    }

    private async Task<Exchange> SendAsync(string method, string path, string? described, Func<HttpContent>? content, bool anonymous, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = Request(method, path, content?.Invoke(), anonymous);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRateLimitRetries)
            {
                await Task.Delay(RateLimitWait(response), cancellationToken);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var exchange = new Exchange(method, path, described, (int)response.StatusCode, ParseJson(text), text, response.Headers.Location, response.Content.Headers.ContentType?.MediaType);
            Exchanged?.Invoke(exchange);
            return exchange;
        }
    }

    /// <summary>Follows a job's Location until it is COMPLETE or FAILED; returns the final state (or why it has none).</summary>
    public async Task<(string State, JsonNode? Job)> FollowJobAsync(Uri? location, CancellationToken cancellationToken = default)
    {
        if (location is null)
        {
            return ("without a Location header", null);
        }

        for (var poll = 0; poll < MaxPolls; poll++)
        {
            var job = await SendAsync("GET", location.IsAbsoluteUri ? location.PathAndQuery : location.ToString(), cancellationToken: cancellationToken);
            var state = job.Body?["state"]?.ToString();
            if (state is "COMPLETE" or "FAILED")
            {
                return (state, job.Body);
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return ("still running", null);
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static TimeSpan RateLimitWait(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (response.Headers.RetryAfter?.Date is { } date)
        {
            return TimeSpan.FromSeconds(Math.Clamp((date - DateTimeOffset.UtcNow).TotalSeconds, 0, 60));
        }

        return response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset)
            ? TimeSpan.FromSeconds(Math.Clamp(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, 60))
            : TimeSpan.FromSeconds(1);
    }
}
