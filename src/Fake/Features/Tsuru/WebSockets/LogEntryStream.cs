using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>One log line a unit pushes (the server's <c>Applog</c>: <c>Date</c>, <c>Message</c>, <c>Source</c>, <c>Name</c> of the app, <c>Unit</c>).</summary>
public sealed record PushedLogEntry(DateTimeOffset? Date, string Message, string Source, string AppName, string Unit)
{
    /// <summary>Whether the server keeps it: it drops entries without a date, app name or message.</summary>
    public bool Complete => Date is not null && AppName.Length > 0 && Message.Length > 0;
}

/// <summary>Why a pushed value is not a log entry (the text of Go's JSON decoder where it matters).</summary>
internal sealed class LogFormatException(string message) : Exception(message);

/// <summary>
/// Decodes the log socket's stream as the server's JSON decoder does: a sequence of JSON objects that may be split
/// across messages or share one; field names match case-insensitively.
/// </summary>
public sealed class LogEntryStream
{
    private const string ValueStarts = "{[\"-0123456789tfn";
    private static readonly string[] TextFields = ["Message", "Source", "Name", "Unit", "Type"];
    private readonly List<byte> pending = [];

    /// <summary>
    /// Adds received text: the entries it completes, and the decoder's error when a value in it is not a log entry
    /// (the entries before it still count, the stream ends there).
    /// </summary>
    public (IReadOnlyList<PushedLogEntry> Entries, string? Error) Add(string text)
    {
        pending.AddRange(Encoding.UTF8.GetBytes(text));
        var bytes = pending.ToArray();
        var entries = new List<PushedLogEntry>();
        var consumed = 0;
        try
        {
            while (NextValueLength(bytes.AsSpan(consumed)) is > 0 and var length)
            {
                using var document = JsonDocument.Parse(bytes.AsMemory(consumed, length));
                entries.Add(Entry(document.RootElement));
                consumed += length;
            }
        }
        catch (LogFormatException malformed)
        {
            return (entries, malformed.Message);
        }

        pending.RemoveRange(0, consumed);
        return (entries, null);
    }

    /// <summary>The decoder's error when the stream ended in the middle of a value, else null.</summary>
    public string? End() => pending.Any(character => !char.IsWhiteSpace((char)character)) ? "unexpected EOF" : null;

    private static int NextValueLength(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true }));
        try
        {
            if (!reader.Read() || (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()))
            {
                return 0;
            }
        }
        catch (JsonException)
        {
            var first = (char)bytes.TrimStart(" \t\r\n"u8)[0];
            throw new LogFormatException(ValueStarts.Contains(first) ? "invalid JSON in log line" : $"invalid character '{first}' looking for beginning of value");
        }

        return (int)reader.BytesConsumed;
    }

    private static PushedLogEntry Entry(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return new PushedLogEntry(null, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new LogFormatException($"json: cannot unmarshal {GoKind(value)} into Go value of type app.Applog");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        string Text(string name)
        {
            if (!fields.TryGetValue(name, out var field) || field.ValueKind == JsonValueKind.Null)
            {
                return string.Empty;
            }

            return field.ValueKind == JsonValueKind.String
                ? field.GetString()!
                : throw new LogFormatException($"json: cannot unmarshal {GoKind(field)} into Go struct field Applog.{name} of type string");
        }

        foreach (var name in TextFields)
        {
            Text(name);
        }

        return new PushedLogEntry(Date(fields.GetValueOrDefault("Date")), Text("Message"), Text("Source"), Text("Name"), Text("Unit"));
    }

    private static DateTimeOffset? Date(JsonElement field)
    {
        if (field.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (field.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParseExact(field.GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date == DateTimeOffset.MinValue ? null : date;
        }

        throw new LogFormatException($"parsing time {field.GetRawText()} as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse {field.GetRawText()} as \"2006\"");
    }

    private static string GoKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "bool",
    };
}
