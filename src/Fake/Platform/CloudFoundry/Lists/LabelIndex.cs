using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

/// <summary>
/// The labels of one table instance: key, then value, to the ordinals (insertion order) of the rows carrying them, so a
/// selector with an <c>=</c>, <c>in</c> or exists requirement only looks at the rows that requirement admits. Rows of a
/// type without labels match nothing, as in a scan.
/// </summary>
public sealed class LabelIndex<T>
    where T : class, IResource
{
    private readonly IReadOnlyList<T> rows;
    private readonly Dictionary<string, Dictionary<string, List<int>>> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> withKey = new(StringComparer.Ordinal);

    internal LabelIndex(IReadOnlyList<T> rows)
    {
        this.rows = rows;
        for (var ordinal = 0; ordinal < rows.Count; ordinal++)
        {
            if (LabelsOf(rows[ordinal]) is not { } labels)
            {
                continue;
            }

            foreach (var (key, value) in labels)
            {
                Bucket(Bucket(byKey, key), value).Add(ordinal);
                Bucket(withKey, key).Add(ordinal);
            }
        }
    }

    /// <summary>The rows matching every requirement, in insertion order.</summary>
    public IEnumerable<T> Matching(LabelSelector selector)
    {
        (LabelRequirement? Requirement, List<int>? Admitted) narrowest = default;
        foreach (var requirement in selector.Requirements)
        {
            if (Admitted(requirement) is { } admitted && (narrowest.Admitted is null || admitted.Count < narrowest.Admitted.Count))
            {
                narrowest = (requirement, admitted);
            }
        }

        var ordinals = narrowest.Admitted ?? Enumerable.Range(0, rows.Count).ToList();
        var rest = selector.Requirements.Where(requirement => requirement != narrowest.Requirement).ToList();
        return ordinals.Select(ordinal => rows[ordinal]).Where(row => LabelsOf(row) is { } labels && rest.TrueForAll(requirement => requirement.Matches(labels)));
    }

    private static ImmutableSortedDictionary<string, string>? LabelsOf(T row) => (row as ILabelled)?.Metadata.Labels;

    /// <summary>The ordinals (ascending) a positive requirement admits; null when it cannot narrow the rows (negations).</summary>
    private List<int>? Admitted(LabelRequirement requirement) => requirement.Operator switch
    {
        LabelOperator.Exists => withKey.GetValueOrDefault(requirement.Key) ?? [],
        LabelOperator.Equal or LabelOperator.In => byKey.TryGetValue(requirement.Key, out var values) ? Union(values, requirement.Values) : [],
        _ => null,
    };

    private static List<int> Union(Dictionary<string, List<int>> values, IReadOnlyList<string> wanted)
    {
        var buckets = wanted.Distinct(StringComparer.Ordinal).Select(values.GetValueOrDefault).OfType<List<int>>().ToList();
        return buckets.Count switch
        {
            0 => [],
            1 => buckets[0],
            _ => [.. buckets.SelectMany(bucket => bucket).Order()],
        };
    }

    private static TValue Bucket<TValue>(Dictionary<string, TValue> buckets, string key)
        where TValue : new()
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TValue();
            buckets[key] = bucket;
        }

        return bucket;
    }
}
