using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

/// <summary>The list indexes of a table instance, each built on first use and kept with the table.</summary>
public static class TableIndexes
{
    private static readonly object LabelsKey = new();

    public static LabelIndex<T> Labels<T>(Table<T> table)
        where T : class, IResource => table.Index(LabelsKey, source => new LabelIndex<T>(source.Ordered));

    /// <summary>The table sorted by the key; the key's delegate instance names the index, so pass a long-lived one.</summary>
    public static SortIndex<T> SortedBy<T>(Table<T> table, Func<T, IComparable?> key)
        where T : class, IResource => table.Index(key, source => new SortIndex<T>(source.Ordered, key));
}
