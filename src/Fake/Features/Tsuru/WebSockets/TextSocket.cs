using System.Net.WebSockets;
using System.Text;

namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>An accepted websocket spoken in UTF-8 messages, closed the way the server closes it (a normal closure frame).</summary>
public sealed class TextSocket(WebSocket socket, CancellationToken aborted)
{
    private const int MaxMessageBytes = 1024 * 1024;
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    /// <summary>The next whole message (text or binary, read as UTF-8); null once the peer closes or sends too much.</summary>
    public async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, aborted);
            if (result.MessageType == WebSocketMessageType.Close || message.Length + result.Count > MaxMessageBytes)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    public Task SendAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, aborted);

    /// <summary>Sends the normal closure and waits a little for the peer's answer.</summary>
    public async Task CloseAsync()
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(CloseWait);
        try
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, wait.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            socket.Abort();
        }
    }
}
