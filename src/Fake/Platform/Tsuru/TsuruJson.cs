using System.Text.Json;

namespace CloudFoundry.Fake.Platform.Tsuru;

/// <summary>Tsuru's JSON: names exactly as declared (the Go server mixes cases per type), compact, UTC timestamps.</summary>
public static class TsuruJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = null };

    public static IResult Json(object body, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(body, Options, "application/json", statusCode);

    /// <summary>
    /// JSON from a handler that sets no Content-Type: Go's encoder adds a newline and the server sniffs the body as
    /// <c>text/plain; charset=utf-8</c>.
    /// </summary>
    public static IResult Sniffed(object? body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(body, Options) + "\n", "text/plain; charset=utf-8", statusCode: statusCode);
}
