using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// Runs an operation the recipes mark as a websocket (<c>websockets</c>: "METHOD path" → <c>steps</c>, optional
/// <c>read_back</c>): opens it with the run's token (the upgrade is the check of its status), then each step sends
/// <c>send</c>, closes its side (<c>close</c>), waits for text containing <c>expect</c>, or for the server to close
/// (<c>closes</c>); <c>read_back</c> GETs a path whose answer must contain its <c>expect</c>. <c>{marker}</c> is unique
/// per run of the operation and <c>{now}</c> is the current UTC time, both filled before the recipes' placeholders.
/// </summary>
public sealed class WebSocketExchange(TargetClient target, Prerequisites prerequisites)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the recipe against <paramref name="path"/>, reporting each check through <paramref name="add"/> (rule, passed, message).</summary>
    public async Task RunAsync(string path, JsonObject recipe, Action<string, bool, string> add, CancellationToken cancellationToken)
    {
        var filled = await FillAsync(recipe, add, cancellationToken);
        if (filled is null)
        {
            return;
        }

        WebSocket socket;
        try
        {
            socket = await target.OpenWebSocketAsync(path, cancellationToken);
        }
        catch (Exception refused) when (refused is WebSocketException or InvalidOperationException or HttpRequestException)
        {
            add("status", false, $"expected 101 (websocket upgrade) for {path}: {refused.Message}");
            return;
        }

        using (socket)
        {
            add("status", true, "101 Switching Protocols");
            var received = new StringBuilder();
            foreach (var step in filled["steps"]?.AsArray() ?? [])
            {
                if (!await StepAsync(socket, step!.AsObject(), received, add, cancellationToken))
                {
                    return;
                }
            }
        }

        if (filled["read_back"] is JsonObject readBack)
        {
            var answer = await target.SendAsync("GET", readBack["path"]!.GetValue<string>(), cancellationToken: cancellationToken);
            var expected = readBack["expect"]!.GetValue<string>();
            add("read-back", answer.Status == 200 && answer.Text.Contains(expected, StringComparison.Ordinal), $"expected 200 with \"{expected}\": {answer}");
        }
    }

    private async Task<JsonObject?> FillAsync(JsonObject recipe, Action<string, bool, string> add, CancellationToken cancellationToken)
    {
        var text = recipe.ToJsonString()
            .Replace("{marker}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal)
            .Replace("{now}", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        try
        {
            return (await prerequisites.FillRecipeAsync(JsonNode.Parse(text), cancellationToken))!.AsObject();
        }
        catch (InvalidOperationException missing)
        {
            add("prerequisites", false, missing.Message);
            return null;
        }
    }

    private static async Task<bool> StepAsync(WebSocket socket, JsonObject step, StringBuilder received, Action<string, bool, string> add, CancellationToken cancellationToken)
    {
        if (step["send"]?.GetValue<string>() is { } send)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(send), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }

        if (step["close"]?.GetValue<bool>() == true)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cancellationToken);
        }

        var expected = step["expect"]?.GetValue<string>();
        var closes = step["closes"]?.GetValue<bool>() == true;
        if (expected is null && !closes)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        var closed = false;
        try
        {
            while (!closed && (closes || !received.ToString().Contains(expected!, StringComparison.Ordinal)))
            {
                closed = !await ReceiveAsync(socket, received, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        var text = received.ToString();
        var passed = (expected is null || text.Contains(expected, StringComparison.Ordinal)) && (!closes || closed);
        add("websocket", passed, $"{Describe(step)}: received \"{text}\"{(closed ? " then a close" : string.Empty)}");
        received.Clear();
        return passed;
    }

    private static async Task<bool> ReceiveAsync(WebSocket socket, StringBuilder received, CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
        {
            return false;
        }

        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, cancellationToken);
        received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        if (result.MessageType != WebSocketMessageType.Close)
        {
            return true;
        }

        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cancellationToken);
        }

        return false;
    }

    private static string Describe(JsonObject step) =>
        string.Join(", ", step.Select(field => $"{field.Key} {field.Value?.ToJsonString()}"));
}
