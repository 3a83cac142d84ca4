using System.Diagnostics;
using System.Text;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>Records every request of a foundation, with bodies (truncated, secrets redacted), in its journal.</summary>
public sealed class RequestJournaling(RequestDelegate next)
{
    private const int MaxBodyChars = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var foundation = context.Foundation();
        if (context.Request.Path.StartsWithSegments("/_fake", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var requestBody = await ReadRequestBodyAsync(context.Request);
        void Record(byte[] response) => foundation.Journal.Add(new JournalEntry(
            foundation.Journal.NextSequence(),
            foundation.Clock.Now,
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            context.Request.QueryString.Value ?? string.Empty,
            context.Response.StatusCode,
            !context.Items.ContainsKey(UnmatchedRequest.Marker),
            requestBody,
            Describe(context.Request.Path, response, context.Response.ContentType),
            Stopwatch.GetElapsedTime(started).TotalMilliseconds));

        if (context.WebSockets.IsWebSocketRequest)
        {
            // An upgraded connection bypasses the response body, and buffering it would hold back the 101 under TestServer.
            await next(context);
            Record([]);
            return;
        }

        await ResponseCapture.RunAsync(context, next, Record);
    }

    private static async Task<string?> ReadRequestBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return null;
        }

        if (!IsText(request.ContentType))
        {
            return $"<{request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} bytes of {request.ContentType}>";
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer);
        request.Body.Position = 0;
        return SecretRedaction.Redact(request.Path, new string(buffer, 0, read));
    }

    private static string? Describe(string path, byte[] body, string? contentType)
    {
        if (body.Length == 0)
        {
            return null;
        }

        if (!IsText(contentType))
        {
            return $"<{body.Length} bytes of {contentType}>";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxBodyChars * 4));
        return SecretRedaction.Redact(path, text.Length > MaxBodyChars ? text[..MaxBodyChars] : text);
    }

    private static bool IsText(string? contentType) =>
        contentType is null ||
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ||
        contentType.Contains("text", StringComparison.OrdinalIgnoreCase) ||
        contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase) ||
        contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
