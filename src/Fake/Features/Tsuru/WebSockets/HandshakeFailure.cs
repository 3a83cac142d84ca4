namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>
/// A refused websocket handshake as the server's websocket libraries write it: the status, the content type (none for
/// golang.org/x/net's raw answer on the hijacked connection) and the text.
/// </summary>
public sealed class HandshakeFailure(int status, string? contentType, string text) : IResult
{
    /// <summary>gorilla/websocket's answer (app shell) to a request that is not a websocket upgrade.</summary>
    public static HandshakeFailure NotUpgradedShell { get; } = new(
        StatusCodes.Status400BadRequest,
        "text/plain; charset=utf-8",
        "Bad Request\nunable to upgrade ws connection: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header");

    /// <summary>golang.org/x/net/websocket's answer (log ingestion) to a request that is not a websocket upgrade.</summary>
    public static HandshakeFailure NotUpgradedLogs { get; } = new(StatusCodes.Status400BadRequest, null, "not websocket protocol");

    /// <summary>golang.org/x/net/websocket's answer to an upgrade without an <c>Origin</c> header (its <c>checkOrigin</c>).</summary>
    public static HandshakeFailure NullOrigin { get; } = new(StatusCodes.Status403Forbidden, null, string.Empty);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        if (contentType is not null)
        {
            httpContext.Response.ContentType = contentType;
            httpContext.Response.Headers["Sec-Websocket-Version"] = "13";
            httpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
        }

        return httpContext.Response.WriteAsync(text);
    }
}
