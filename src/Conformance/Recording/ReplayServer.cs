using WireMock.Server;
using WireMock.Settings;

namespace CloudFoundry.Fake.Conformance.Recording;

/// <summary>
/// A WireMock.Net server on a free loopback port that answers with the mappings of a recorded directory
/// (<c>--replay DIR</c>): a run recorded once against a real foundation becomes an offline target.
/// </summary>
public sealed class ReplayServer : IDisposable
{
    private readonly WireMockServer server;

    private ReplayServer(WireMockServer server) => this.server = server;

    /// <summary>The address to use as a target.</summary>
    public Uri Url => new(server.Url!);

    /// <summary>Starts a server with every mapping file (<c>*.json</c>) of <paramref name="directory"/>.</summary>
    public static ReplayServer Start(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No recording at {directory}.");
        }

        var server = WireMockServer.Start(new WireMockServerSettings { StartAdminInterface = false });
        server.ReadStaticMappings(Path.GetFullPath(directory));
        return new ReplayServer(server);
    }

    /// <summary>Requests the recording had no answer for (method and URL), to explain a replay that diverged.</summary>
    public IReadOnlyList<string> Unmatched() =>
        [.. server.LogEntries.Where(entry => entry.MappingGuid is null).Select(entry => $"{entry.RequestMessage.Method} {entry.RequestMessage.Url}")];

    /// <summary>Stops the server.</summary>
    public void Dispose() => server.Dispose();
}
