using System.Text.Json;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru's <c>application/x-json-stream</c> progress output: one <c>{"Message","Timestamp"}</c> object per line.</summary>
public static class TsuruStream
{
    public static IResult Of(DateTimeOffset at, params string[] messages)
    {
        var lines = messages.Select(message => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Message"] = message,
            ["Timestamp"] = at.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        }) + "\n");
        return Results.Text(string.Concat(lines), "application/x-json-stream");
    }
}
