using System.Net.WebSockets;
using System.Text;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>A websocket to the Tsuru API as the tsuru client and units speak it: text messages, read until some text shows up or the server closes.</summary>
public sealed class TsuruSocket(WebSocket socket) : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly StringBuilder received = new();

    /// <summary>Opens <paramref name="path"/> with <c>Authorization: bearer</c> <paramref name="token"/> (none when null) and the other headers.</summary>
    public static async Task<TsuruSocket> OpenAsync(TestFoundation foundation, string path, string? token, params (string Name, string Value)[] headers) =>
        new(await foundation.WebSocketAsync(path, token is null ? headers : [.. headers, ("Authorization", "bearer " + token)]));

    public Task SendAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Reads until what arrived since the last read contains <paramref name="expected"/>, and returns it.</summary>
    public async Task<string> ReadUntilAsync(string expected)
    {
        while (!received.ToString().Contains(expected, StringComparison.Ordinal))
        {
            Assert.True(await ReceiveAsync(), $"closed before \"{expected}\" arrived; got \"{received}\"");
        }

        return Take();
    }

    /// <summary>Reads everything until the server closes normally, and returns it.</summary>
    public async Task<string> ReadToCloseAsync()
    {
        while (await ReceiveAsync())
        {
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        if (socket.State == WebSocketState.CloseReceived)
        {
            await CloseOutputAsync();
        }
        return Take();
    }

    /// <summary>Sends the normal closure, as a unit does when its stream ends.</summary>
    public Task CloseOutputAsync() => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);

    public void Dispose() => socket.Dispose();

    private async Task<bool> ReceiveAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, guard.Token);
        received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        return result.MessageType != WebSocketMessageType.Close;
    }

    private string Take()
    {
        var text = received.ToString();
        received.Clear();
        return text;
    }
}
