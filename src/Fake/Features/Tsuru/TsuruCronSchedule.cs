using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Whether a job schedule parses as a standard five-field cron line (minute, hour, day of month, month, day of week,
/// with <c>*</c>, <c>?</c>, ranges, steps, lists and month/day names) or a <c>@daily</c>-style descriptor, as the
/// server's cron parser accepts.
/// </summary>
public static partial class TsuruCronSchedule
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly (int Min, int Max, string[] Names)[] Fields = [(0, 59, []), (0, 23, []), (1, 31, []), (1, 12, Months), (0, 6, Days)];

    public static bool IsValid(string schedule)
    {
        var text = TimeZonePrefix().Replace(schedule.Trim(), string.Empty);
        if (text.StartsWith('@'))
        {
            return Descriptors.Contains(text) || EveryDescriptor().IsMatch(text);
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == Fields.Length && fields.Select((field, index) => field.Split(',').All(part => IsValidPart(part, Fields[index]))).All(valid => valid);
    }

    private static bool IsValidPart(string part, (int Min, int Max, string[] Names) field)
    {
        var stepAt = part.IndexOf('/', StringComparison.Ordinal);
        var range = stepAt < 0 ? part : part[..stepAt];
        if (stepAt >= 0 && !(int.TryParse(part[(stepAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 0))
        {
            return false;
        }

        if (range is "*" or "?")
        {
            return true;
        }

        var bounds = range.Split('-');
        if (bounds.Length > 2)
        {
            return false;
        }

        var values = bounds.Select(bound => Value(bound, field)).ToList();
        return values.All(value => value is not null && value >= field.Min && value <= field.Max) && (values.Count == 1 || values[0] <= values[1]);
    }

    private static int? Value(string text, (int Min, int Max, string[] Names) field)
    {
        var named = Array.FindIndex(field.Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        if (named >= 0)
        {
            return named + field.Min;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^(CRON_)?TZ=\S+\s+")]
    private static partial Regex TimeZonePrefix();

    [GeneratedRegex(@"^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex EveryDescriptor();
}
