using System.Net.WebSockets;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Opens a websocket to an absolute <c>ws://</c> or <c>wss://</c> address with these request headers; throws when
/// the server refuses the upgrade. An in-process server (TestServer) passes its own; otherwise
/// <see cref="ClientWebSockets.OpenAsync"/> is used.
/// </summary>
public delegate Task<WebSocket> WebSocketOpener(Uri address, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);

/// <summary>Websockets over the network with <see cref="ClientWebSocket"/>.</summary>
public static class ClientWebSockets
{
    /// <summary>Connects a <see cref="ClientWebSocket"/>; a refused upgrade throws a <see cref="WebSocketException"/> naming the status.</summary>
    public static Task<WebSocket> OpenAsync(Uri address, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        ConnectAsync(address, headers, trustAnyCertificate: false, cancellationToken);

    /// <summary>The same, accepting any server certificate (<c>--skip-ssl-validation</c>).</summary>
    public static Task<WebSocket> OpenTrustingAnyCertificateAsync(Uri address, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        ConnectAsync(address, headers, trustAnyCertificate: true, cancellationToken);

    private static async Task<WebSocket> ConnectAsync(Uri address, IReadOnlyDictionary<string, string> headers, bool trustAnyCertificate, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        if (trustAnyCertificate)
        {
#pragma warning disable CA5359 // The user asked to skip certificate validation (self-signed test foundations).
            socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        try
        {
            await socket.ConnectAsync(address, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
