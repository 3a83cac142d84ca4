using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

public enum LabelOperator
{
    In,
    NotIn,
    Equal,
    NotEqual,
    Exists,
    NotExists,
}

public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => present,
            LabelOperator.NotExists => !present,
            LabelOperator.Equal or LabelOperator.In => present && Values.Contains(value!, StringComparer.Ordinal),
            _ => !present || !Values.Contains(value!, StringComparer.Ordinal),
        };
    }
}

/// <summary>
/// A <c>label_selector</c>: comma-separated requirements (commas inside parentheses do not split), all of which
/// must hold. Grammar, limits and error texts follow Cloud Controller's metadata helpers.
/// </summary>
public sealed partial class LabelSelector
{
    private const int MaxRequirements = 50;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(requirement => requirement.Matches(labels));

    /// <summary>Parses a selector; errors are returned in Cloud Controller's words.</summary>
    public static (LabelSelector? Selector, string? Error) Parse(string text)
    {
        var parts = Splitter().Matches(text).Select(match => match.Value).ToList();
        if (parts.Count == 0)
        {
            return (null, "Missing label_selector value");
        }

        if (parts.Count > MaxRequirements)
        {
            return (null, $"Too many label_selector requirements (maximum is {MaxRequirements})");
        }

        var requirements = new List<LabelRequirement>();
        foreach (var part in parts)
        {
            var requirement = ParseRequirement(part);
            if (requirement is null)
            {
                return (null, "Invalid label_selector value");
            }

            var error = MetadataRules.KeyError(requirement.Key) ??
                        requirement.Values.Select(MetadataRules.LabelValueError).FirstOrDefault(message => message is not null);
            if (error is not null)
            {
                return (null, error);
            }

            requirements.Add(requirement);
        }

        return (new LabelSelector(requirements), null);
    }

    private static LabelRequirement? ParseRequirement(string text)
    {
        if (InPattern().Match(text) is { Success: true } inMatch)
        {
            return new LabelRequirement(inMatch.Groups["key"].Value, LabelOperator.In, SplitValues(inMatch.Groups["values"].Value));
        }

        if (NotInPattern().Match(text) is { Success: true } notInMatch)
        {
            return new LabelRequirement(notInMatch.Groups["key"].Value, LabelOperator.NotIn, SplitValues(notInMatch.Groups["values"].Value));
        }

        if (EqualPattern().Match(text) is { Success: true } equal)
        {
            return new LabelRequirement(equal.Groups["key"].Value, LabelOperator.Equal, [equal.Groups["values"].Value]);
        }

        if (NotEqualPattern().Match(text) is { Success: true } notEqual)
        {
            return new LabelRequirement(notEqual.Groups["key"].Value, LabelOperator.NotEqual, [notEqual.Groups["values"].Value]);
        }

        if (ExistsPattern().Match(text) is { Success: true } exists)
        {
            return new LabelRequirement(exists.Groups["key"].Value, LabelOperator.Exists, []);
        }

        return NotExistsPattern().Match(text) is { Success: true } notExists
            ? new LabelRequirement(notExists.Groups["key"].Value, LabelOperator.NotExists, [])
            : null;
    }

    private static string[] SplitValues(string values) => values.Split(',');

    [GeneratedRegex(@"(?:\(.*?\)|[^,])+")]
    private static partial Regex Splitter();

    [GeneratedRegex(@"\A(?<key>.*?) in \((?<values>.*)\)\z")]
    private static partial Regex InPattern();

    [GeneratedRegex(@"\A(?<key>.*?) notin \((?<values>.*)\)\z")]
    private static partial Regex NotInPattern();

    [GeneratedRegex(@"\A(?<key>[\w\-./]+)(==?)(?<values>.*)\z")]
    private static partial Regex EqualPattern();

    [GeneratedRegex(@"\A(?<key>[\w\-./]+)(!=)(?<values>.*)\z")]
    private static partial Regex NotEqualPattern();

    [GeneratedRegex(@"\A(?<key>[\w\-./]+)\z")]
    private static partial Regex ExistsPattern();

    [GeneratedRegex(@"\A!(?<key>[\w\-./]+)\z")]
    private static partial Regex NotExistsPattern();
}
