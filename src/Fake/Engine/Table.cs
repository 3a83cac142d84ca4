using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CloudFoundry.Fake.Engine;

/// <summary>
/// An immutable table of one resource type. Rows keep their insertion order (the order Cloud Controller
/// lists resources in when no <c>order_by</c> is given); lookups by GUID are O(log n).
/// </summary>
public sealed class Table<T> : ITable
    where T : class, IResource
{
    public static readonly Table<T> Empty = new(ImmutableSortedDictionary<long, T>.Empty, ImmutableDictionary<string, long>.Empty, 0);

    private readonly ImmutableSortedDictionary<long, T> rows;
    private readonly ImmutableDictionary<string, long> positions;
    private readonly long nextPosition;
    private T[]? ordered;
    private ConcurrentDictionary<object, object>? indexes;

    private Table(ImmutableSortedDictionary<long, T> rows, ImmutableDictionary<string, long> positions, long nextPosition)
    {
        this.rows = rows;
        this.positions = positions;
        this.nextPosition = nextPosition;
    }

    public int Count => positions.Count;

    public IEnumerable<T> All => rows.Values;

    public Type RowType => typeof(T);

    /// <summary>The rows in insertion order as a list, built once per table instance; a row's index in it is its ordinal.</summary>
    public IReadOnlyList<T> Ordered => ordered ??= [.. rows.Values];

    /// <summary>
    /// A value derived from this table, built on first use and kept with it: a table never changes, so an index built
    /// from it never goes stale, and every write makes a new table that builds its own.
    /// </summary>
    public TIndex Index<TIndex>(object key, Func<Table<T>, TIndex> build)
        where TIndex : class
    {
        var memo = LazyInitializer.EnsureInitialized(ref indexes, () => new ConcurrentDictionary<object, object>());
        return (TIndex)memo.GetOrAdd(key, static (_, state) => state.build(state.table), (build, table: this));
    }

    IEnumerable<IResource> ITable.Rows => All;

    ITable ITable.PutAll(IEnumerable<IResource> rows) => rows.Cast<T>().Aggregate(this, (table, row) => table.Put(row));

    public T? Find(string? guid) =>
        guid is not null && positions.TryGetValue(guid, out var position) ? rows[position] : null;

    public bool Contains(string? guid) => guid is not null && positions.ContainsKey(guid);

    /// <summary>Where a row sits in insertion order (stable while it stays in the table), or null when absent.</summary>
    public long? PositionOf(string guid) => positions.TryGetValue(guid, out var position) ? position : null;

    public Table<T> Put(T row)
    {
        if (positions.TryGetValue(row.Guid, out var position))
        {
            return new Table<T>(rows.SetItem(position, row), positions, nextPosition);
        }

        return new Table<T>(rows.Add(nextPosition, row), positions.Add(row.Guid, nextPosition), nextPosition + 1);
    }

    /// <summary>Puts many rows through mutable builders, so each tree node is copied once rather than once per row.</summary>
    public Table<T> PutRange(IEnumerable<T> newRows)
    {
        var rowsBuilder = rows.ToBuilder();
        var positionsBuilder = positions.ToBuilder();
        var next = nextPosition;
        foreach (var row in newRows)
        {
            if (positionsBuilder.TryGetValue(row.Guid, out var position))
            {
                rowsBuilder[position] = row;
                continue;
            }

            rowsBuilder.Add(next, row);
            positionsBuilder.Add(row.Guid, next++);
        }

        return new Table<T>(rowsBuilder.ToImmutable(), positionsBuilder.ToImmutable(), next);
    }

    public Table<T> Remove(string guid) =>
        positions.TryGetValue(guid, out var position)
            ? new Table<T>(rows.Remove(position), positions.Remove(guid), nextPosition)
            : this;

    public Table<T> RemoveWhere(Func<T, bool> predicate)
    {
        var doomed = rows.Where(pair => predicate(pair.Value)).ToList();
        if (doomed.Count == 0)
        {
            return this;
        }

        return new Table<T>(
            rows.RemoveRange(doomed.Select(pair => pair.Key)),
            positions.RemoveRange(doomed.Select(pair => pair.Value.Guid)),
            nextPosition);
    }
}

/// <summary>What the engine knows of any table without its row type.</summary>
public interface ITable
{
    int Count { get; }

    Type RowType { get; }

    /// <summary>The rows in insertion order.</summary>
    IEnumerable<IResource> Rows { get; }

    /// <summary>This table with the rows (all of its row type) put in order.</summary>
    ITable PutAll(IEnumerable<IResource> rows);
}
