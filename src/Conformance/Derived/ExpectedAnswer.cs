using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// The documented non-success answer an operation gives on the target configuration the recipes assume (<c>expect</c>:
/// a feature a default installation has off, a deprecated call): the status, the error text when there is one, and why,
/// which the check message repeats.
/// </summary>
public sealed record ExpectedAnswer(int Status, string Reason, string? Text)
{
    /// <summary>The expected answer the recipes give an operation ("METHOD path"), or null when it must succeed.</summary>
    public static ExpectedAnswer? For(JsonObject recipes, string operation) =>
        recipes["expect"]?[operation] is JsonObject entry
            ? new ExpectedAnswer(entry["status"]!.GetValue<int>(), entry["reason"]!.GetValue<string>(), entry["text"]?.GetValue<string>())
            : null;

    /// <summary>Checks the status and, when given, the error text (Tsuru ends it with a newline) of the answer.</summary>
    public void Check(Exchange answer, Action<string, bool, string, Exchange?, string> add)
    {
        add("status", answer.Status == Status, $"{Reason}: expected {Status}, got {answer.Status}", answer, string.Empty);
        if (Text is not null)
        {
            add("error-text", answer.Text.TrimEnd('\n') == Text, $"{Reason}: expected \"{Text}\", got \"{answer.Text.TrimEnd('\n')}\"", answer, string.Empty);
        }
    }
}
