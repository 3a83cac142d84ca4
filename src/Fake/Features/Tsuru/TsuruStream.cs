using System.Globalization;
using System.Text.Json;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru's <c>application/x-json-stream</c> progress output: one <c>{"Message","Timestamp"}</c> object per line.</summary>
public static class TsuruStream
{
    public static IResult Of(DateTimeOffset at, params string[] messages) =>
        Results.Text(string.Concat(messages.Select(message => Line(at, message, null))), "application/x-json-stream");

    /// <summary>
    /// A stream that failed after it started: the server keeps the 200 and ends with a line carrying the error.
    /// </summary>
    public static IResult Failed(DateTimeOffset at, string error, params string[] messages) =>
        Results.Text(string.Concat(messages.Select(message => Line(at, message, null)).Append(Line(at, string.Empty, error))), "application/x-json-stream");

    private static string Line(DateTimeOffset at, string message, string? error)
    {
        var line = new Dictionary<string, string>
        {
            ["Message"] = message,
            ["Timestamp"] = at.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
        };
        if (error is not null)
        {
            line["Error"] = error;
        }

        return JsonSerializer.Serialize(line) + "\n";
    }
}
