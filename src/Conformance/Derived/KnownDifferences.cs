using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// The reviewed list of failures a spec's suite is known to produce against the fake
/// (<c>specs/scenarios/known-differences</c>): each names an operation, a rule and why. Matching failures are reported
/// as accepted instead of failed.
/// </summary>
public sealed class KnownDifferences(IReadOnlyDictionary<(string Operation, string Rule), string> reasons)
{
    /// <summary>The differences shipped with the tool for a spec (none when it has no list).</summary>
    public static KnownDifferences BuiltIn(string spec)
    {
        using var stream = typeof(KnownDifferences).Assembly.GetManifestResourceStream("known-differences/" + spec + ".json");
        if (stream is null)
        {
            return new KnownDifferences(new Dictionary<(string, string), string>());
        }

        return new KnownDifferences(JsonNode.Parse(stream)!["differences"]!.AsArray().OfType<JsonObject>().ToDictionary(
            difference => (difference["operation"]!.GetValue<string>(), difference["rule"]!.GetValue<string>()),
            difference => difference["reason"]!.GetValue<string>()));
    }

    /// <summary>Every listed (operation, rule).</summary>
    public IEnumerable<(string Operation, string Rule)> Listed => reasons.Keys;

    /// <summary>Failures that are listed become passed checks that say so; everything else is unchanged.</summary>
    public IReadOnlyList<CheckResult> Accept(IEnumerable<CheckResult> results) =>
        [.. results.Select(result => !result.Passed && reasons.TryGetValue((result.Step, result.Rule), out var reason)
            ? result with { Passed = true, Message = $"known difference ({reason}): {result.Message}" }
            : result)];
}
