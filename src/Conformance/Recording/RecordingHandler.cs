using System.Collections.Concurrent;

namespace CloudFoundry.Fake.Conformance.Recording;

/// <summary>
/// Sits between the run's HttpClient and the network and keeps every exchange (login included) for
/// <see cref="SaveAsync"/>, which writes them as WireMock.Net mappings.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Connection", "Transfer-Encoding", "Content-Length", "Set-Cookie", "Keep-Alive",
    };

    private readonly ConcurrentQueue<RecordedExchange> exchanges = new();

    /// <summary>A recorder in front of <paramref name="inner"/>.</summary>
    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>What was recorded so far, in the order the answers came.</summary>
    public IReadOnlyList<RecordedExchange> Exchanges => [.. exchanges];

    /// <summary>Writes the recorded exchanges into <paramref name="directory"/>, one mapping file each.</summary>
    public Task SaveAsync(string directory, CancellationToken cancellationToken = default) =>
        RecordedMappings.SaveAsync(Exchanges, directory, cancellationToken);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(header => !DroppedHeaders.Contains(header.Key))
            .Select(header => KeyValuePair.Create(header.Key, string.Join(", ", header.Value)))
            .ToList();
        exchanges.Enqueue(new RecordedExchange(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.Authorization is not null,
            (int)response.StatusCode,
            headers,
            response.Content.Headers.ContentType?.MediaType,
            body));
        return response;
    }
}
