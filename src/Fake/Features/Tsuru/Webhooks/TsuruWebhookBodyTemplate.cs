using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>A webhook body template the fake cannot execute against the event (the server's execution error): the hook is not called.</summary>
public sealed class TsuruWebhookTemplateException(string message) : Exception(message);

/// <summary>
/// The part of Go's <c>text/template</c> webhook bodies use: field actions such as <c>{{.Target.Value}}</c> or
/// <c>{{ .Kind.Name }}</c> and comments. A body with an unclosed action is sent as it is, as the server does with a body
/// it cannot parse; so is a body using actions outside this subset (conditions, loops, pipelines).
/// </summary>
public static partial class TsuruWebhookBodyTemplate
{
    public static string Render(string name, string body, IReadOnlyDictionary<string, object?> data)
    {
        var output = new StringBuilder();
        var position = 0;
        while (body.IndexOf("{{", position, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = body.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return body;
            }

            output.Append(body, position, open - position);
            var action = body[(open + 2)..close].Trim();
            if (!(action.StartsWith("/*", StringComparison.Ordinal) && action.EndsWith("*/", StringComparison.Ordinal)))
            {
                if (!FieldChain().IsMatch(action))
                {
                    return body;
                }

                output.Append(Format(Resolve(name, action, data)));
            }

            position = close + 2;
        }

        return output.Append(body, position, body.Length - position).ToString();
    }

    private static object? Resolve(string name, string action, IReadOnlyDictionary<string, object?> data)
    {
        object? current = data;
        foreach (var field in action[1..].Split('.'))
        {
            current = current is IReadOnlyDictionary<string, object?> fields && fields.TryGetValue(field, out var value) ? value
                : current is IDictionary map && map.Contains(field) ? map[field]
                : throw new TsuruWebhookTemplateException($"template: {name}: executing \"{name}\" at <{action}>: can't evaluate field {field}");
        }

        return current;
    }

    /// <summary>Go's <c>%v</c>: structs as <c>{a b}</c>, lists as <c>[a b]</c>, nil as <c>&lt;nil&gt;</c>.</summary>
    private static string Format(object? value) => value switch
    {
        null => "<nil>",
        string text => text,
        bool flag => flag ? "true" : "false",
        IDictionary map => "{" + string.Join(' ', map.Values.Cast<object?>().Select(Format)) + "}",
        IEnumerable items => "[" + string.Join(' ', items.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    [GeneratedRegex(@"^\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex FieldChain();
}
