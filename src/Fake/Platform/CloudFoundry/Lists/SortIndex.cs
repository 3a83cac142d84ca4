using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

/// <summary>
/// One table instance sorted once by one order key (ties in insertion order), so a list orders and pages its selection
/// by marking the selected rows and walking this order instead of sorting them per request.
/// </summary>
public sealed class SortIndex<T>
    where T : class, IResource
{
    private readonly IReadOnlyList<T> rows;
    private readonly int[] ascending;
    private readonly Dictionary<T, int> ordinals;

    internal SortIndex(IReadOnlyList<T> rows, Func<T, IComparable?> key)
    {
        this.rows = rows;
        ordinals = new Dictionary<T, int>(rows.Count, ReferenceEqualityComparer.Instance);
        var keys = new IComparable?[rows.Count];
        for (var ordinal = 0; ordinal < rows.Count; ordinal++)
        {
            ordinals[rows[ordinal]] = ordinal;
            keys[ordinal] = key(rows[ordinal]);
        }

        ascending = [.. Enumerable.Range(0, rows.Count)];
        Array.Sort(ascending, (left, right) => ListQuery.CompareValues(keys[left], keys[right]) is var order and not 0 ? order : left.CompareTo(right));
    }

    /// <summary>
    /// The selection's size and the rows of one page of it in this order (reversed when descending, which also reverses
    /// ties), or null when a selected row is not a row of this table instance.
    /// </summary>
    public (int Total, List<T> Page)? Page(IEnumerable<T> selection, bool descending, int skip, int take)
    {
        var selected = new bool[rows.Count];
        var total = 0;
        foreach (var row in selection)
        {
            if (!ordinals.TryGetValue(row, out var ordinal))
            {
                return null;
            }

            total += selected[ordinal] ? 0 : 1;
            selected[ordinal] = true;
        }

        var page = new List<T>(Math.Min(take, Math.Max(0, total - skip)));
        for (var step = 0; step < ascending.Length && page.Count < take; step++)
        {
            var ordinal = ascending[descending ? ascending.Length - 1 - step : step];
            if (!selected[ordinal])
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
            }
            else
            {
                page.Add(rows[ordinal]);
            }
        }

        return (total, page);
    }
}
