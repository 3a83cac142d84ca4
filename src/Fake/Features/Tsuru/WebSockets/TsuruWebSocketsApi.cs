using System.Net.WebSockets;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>
/// The two websocket endpoints: the app shell (<c>/apps/{app}/shell</c>, gorilla/websocket in the server) and log
/// ingestion from units (<c>/logs</c>, golang.org/x/net/websocket, which also wants an <c>Origin</c>). A request that
/// is not an upgrade gets the library's handshake error.
/// </summary>
public sealed class TsuruWebSocketsApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/apps/{app}/shell", (string app, HttpContext context) =>
            UpgradeAsync(context, HandshakeFailure.NotUpgradedShell, socket => ShellSession.RunAsync(context, app, socket)));
        TsuruRoutes.Map(routes, "GET", "1.0", "/logs", (HttpContext context) =>
            context.WebSockets.IsWebSocketRequest && context.Request.Headers.Origin.ToString() is "" or "null"
                ? Task.FromResult<IResult>(HandshakeFailure.NullOrigin)
                : UpgradeAsync(context, HandshakeFailure.NotUpgradedLogs, socket => LogIngestion.RunAsync(context, socket)));
    }

    private static async Task<IResult> UpgradeAsync(HttpContext context, HandshakeFailure notUpgraded, Func<TextSocket, Task> session)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return notUpgraded;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await session(new TextSocket(socket, context.RequestAborted));
        }
        catch (WebSocketException)
        {
            socket.Abort();
        }

        return Results.Empty;
    }
}
