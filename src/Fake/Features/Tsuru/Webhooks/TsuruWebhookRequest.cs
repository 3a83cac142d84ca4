using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>
/// The request the server sends for a webhook and a finished event: the hook's method (POST when unset), URL and headers;
/// its body template rendered against the event, or else, for POST, PUT and PATCH, the event as JSON with
/// <c>Content-Type: application/json</c>; the server's User-Agent unless the hook sets one.
/// </summary>
public static class TsuruWebhookRequest
{
    public const string UserAgent = "tsuru-webhook-client/1.0";

    private const string ContentType = "Content-Type";
    private static readonly string[] MethodsWithEventBody = ["POST", "PUT", "PATCH"];

    /// <summary>The fields of the server's <c>event.Event</c> JSON, in its declaration order (no id, no custom data).</summary>
    private static readonly string[] EventFields =
    [
        "UniqueID", "Lock", "StartTime", "EndTime", "ExpireAt", "Target", "ExtraTargets", "Kind", "Owner", "SourceIP", "LockUpdateTime",
        "Error", "Log", "StructuredLog", "CancelInfo", "Cancelable", "Running", "Allowed", "AllowedCancel", "Instance",
    ];

    public static HttpRequestMessage Create(TsuruWebhook hook, TsuruEvent evt)
    {
        var method = hook.Method.Length == 0 ? "POST" : hook.Method.ToUpperInvariant();
        var request = new HttpRequestMessage(new HttpMethod(method), hook.Url);
        var headers = hook.Headers;
        var data = EventData(evt);
        if (hook.Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(TsuruWebhookBodyTemplate.Render(hook.Name, hook.Body, data)));
        }
        else if (MethodsWithEventBody.Contains(method))
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(data, TsuruJson.Options));
            headers = headers.RemoveRange(headers.Keys.Where(name => name.Equals(ContentType, StringComparison.OrdinalIgnoreCase))).SetItem(ContentType, ["application/json"]);
        }

        foreach (var (name, values) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, values))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        return request;
    }

    /// <summary>The event as the server marshals it for a webhook: its info without the id and the custom data, no lock, no expiry.</summary>
    public static Dictionary<string, object?> EventData(TsuruEvent evt)
    {
        var info = TsuruEvents.Present(evt);
        return EventFields.ToDictionary(field => field, field => field == "ExpireAt" ? TsuruEvents.Time(null) : info.GetValueOrDefault(field));
    }
}
