using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Conformance.Compare;

/// <summary>
/// Compares what two targets answered to the same run, exchange by exchange after normalization: status and JSON body.
/// Every difference is a failed <see cref="CheckResult"/> (rule <c>compare</c>) with its JSON pointer, unless a reviewed
/// entry of <c>specs/scenarios/known-differences/compare.json</c> accepts it.
/// </summary>
public sealed class TargetComparison(IReadOnlyList<AcceptedDifference> accepted)
{
    /// <summary>The reviewed differences shipped with the tool.</summary>
    public static TargetComparison BuiltIn()
    {
        using var stream = typeof(TargetComparison).Assembly.GetManifestResourceStream("known-differences/compare.json")!;
        var entries = JsonNode.Parse(stream)!["differences"]!.AsArray()
            .Select(entry => new AcceptedDifference(entry!["request"]?.GetValue<string>(), entry["pointer"]!.GetValue<string>(), entry["reason"]!.GetValue<string>()));
        return new TargetComparison([.. entries]);
    }

    /// <summary>One result per exchange pair that matched, one failure per difference; stops where the runs diverge.</summary>
    public IReadOnlyList<CheckResult> Compare(Uri first, IReadOnlyList<Exchange> firstExchanges, Uri second, IReadOnlyList<Exchange> secondExchanges)
    {
        var left = new ExchangeNormalizer(first);
        var right = new ExchangeNormalizer(second);
        var results = new List<CheckResult>();
        for (var index = 0; index < Math.Max(firstExchanges.Count, secondExchanges.Count); index++)
        {
            if (index >= firstExchanges.Count || index >= secondExchanges.Count)
            {
                results.Add(Fail($"#{index}", string.Empty, $"the runs sent {firstExchanges.Count} and {secondExchanges.Count} requests", firstExchanges.ElementAtOrDefault(index) ?? secondExchanges[index]));
                break;
            }

            var a = left.Normalize(firstExchanges[index]);
            var b = right.Normalize(secondExchanges[index]);
            var step = $"#{index} {a.Request}";
            if (a.Request != b.Request)
            {
                results.Add(Fail(step, string.Empty, $"the runs diverged: {a.Request} vs {b.Request}", secondExchanges[index]));
                break;
            }

            var differences = (a.Status == b.Status ? [] : new List<(string, string)> { ("/status", $"{a.Status} vs {b.Status}") })
                .Concat(JsonDiff.Of(a.Body, b.Body).Select(difference => ("/body" + difference.Pointer, difference.Difference)))
                .Where(difference => !accepted.Any(entry => entry.Matches(a.Request, difference.Item1)))
                .ToList();
            results.AddRange(differences.Count == 0
                ? [new CheckResult("compare", step, "compare", string.Empty, true, "same answer", secondExchanges[index].ToString())]
                : differences.Select(difference => Fail(step, difference.Item1, difference.Item2, secondExchanges[index])));
        }

        return results;
    }

    private static CheckResult Fail(string step, string pointer, string message, Exchange exchange) =>
        new("compare", step, "compare", pointer, false, message, exchange.ToString());
}

/// <summary>
/// A reviewed difference between targets: the normalized request it applies to (a regular expression; any when absent),
/// a JSON pointer pattern (<c>*</c> matches one segment) and why it is accepted.
/// </summary>
public sealed record AcceptedDifference(string? Request, string Pointer, string Reason)
{
    /// <summary>Whether this entry accepts a difference at <paramref name="pointer"/> of the answer to <paramref name="request"/>.</summary>
    public bool Matches(string request, string pointer) =>
        (Request is null || Regex.IsMatch(request, Request, RegexOptions.None, TimeSpan.FromSeconds(1))) &&
        Regex.IsMatch(pointer, "^" + string.Join("/", Pointer.Split('/').Select(segment => segment == "*" ? "[^/]+" : Regex.Escape(segment))) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
