namespace CloudFoundry.Fake.Platform.CloudFoundry.V2;

/// <summary>A V2 <c>q</c> filter: <c>field:value</c>, <c>field&gt;=value</c>, <c>field IN a,b</c>, ...</summary>
public sealed record V2Filter(string Field, string Operator, IReadOnlyList<string> Values)
{
    public bool Matches(string? actual) => Operator switch
    {
        ":" or "IN" => Values.Contains(actual ?? string.Empty, StringComparer.Ordinal),
        ">=" => string.CompareOrdinal(actual, Values[0]) >= 0,
        "<=" => string.CompareOrdinal(actual, Values[0]) <= 0,
        ">" => string.CompareOrdinal(actual, Values[0]) > 0,
        _ => string.CompareOrdinal(actual, Values[0]) < 0,
    };

    /// <summary>For a to-many field (an org's users, a space's apps): some related value matches.</summary>
    public bool MatchesAny(IEnumerable<string> actual) => actual.Any(Matches);
}
