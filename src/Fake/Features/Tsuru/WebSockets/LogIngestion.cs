using System.Text.Json;
using CloudFoundry.Fake.Platform.Hosting;

namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>
/// <c>GET /logs</c> once upgraded: units push their log lines as JSON objects (<see cref="LogEntryStream"/>), kept in
/// the named app's log (lines of unknown apps are dropped). The server answers once, when the stream ends or fails:
/// <c>{"error":""}</c>, or the reason (<c>wslogs: no token</c>, <c>wslogs: parsing log line: ...</c>), then closes.
/// </summary>
public static class LogIngestion
{
    public static async Task RunAsync(HttpContext context, TextSocket socket)
    {
        var error = TsuruAuth.OptionalUser(context) is null ? "wslogs: no token" : await IngestAsync(context, socket);
        await socket.SendAsync(JsonSerializer.Serialize(new { error = error ?? string.Empty }));
        await socket.CloseAsync();
    }

    private static async Task<string?> IngestAsync(HttpContext context, TextSocket socket)
    {
        var stream = new LogEntryStream();
        while (await socket.ReceiveAsync() is { } text)
        {
            var (entries, error) = stream.Add(text);
            Store(context, entries);
            if (error is not null)
            {
                return "wslogs: parsing log line: " + error;
            }
        }

        return stream.End() is { } unfinished ? "wslogs: parsing log line: " + unfinished : null;
    }

    private static void Store(HttpContext context, IReadOnlyList<PushedLogEntry> entries)
    {
        var kept = entries.Where(entry => entry.Complete).ToList();
        if (kept.Count == 0)
        {
            return;
        }

        context.Foundation().Write(transaction =>
        {
            foreach (var app in kept.GroupBy(entry => entry.AppName).Where(app => transaction.Find<TsuruApp>(app.Key) is not null))
            {
                TsuruAppLog.Append(transaction, app.Key, app.Select(entry => new TsuruLogLine(entry.Date!.Value.ToUniversalTime(), entry.Message, entry.Source, entry.Unit)));
            }
        });
    }
}
