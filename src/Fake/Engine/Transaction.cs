namespace CloudFoundry.Fake.Engine;

/// <summary>
/// One atomic change to a foundation: starts from a world snapshot, accumulates a new world and is
/// committed as a whole, or not at all when it throws.
/// </summary>
public sealed class Transaction(World start, DateTimeOffset now)
{
    private readonly Dictionary<Type, HashSet<string>> touched = [];

    public World World { get; private set; } = start;

    public DateTimeOffset Now { get; } = now;

    public string NewGuid()
    {
        World = World with { GuidSequence = World.GuidSequence + 1 };
        return DeterministicGuid.Create(World.Seed, World.GuidSequence);
    }

    /// <summary>
    /// A GUID derived from a stable name instead of the sequence, for seeded resources: what a seed adds never
    /// shifts the GUIDs of resources that tests create afterwards.
    /// </summary>
    public string NamedGuid(string name) => DeterministicGuid.Create(World.Seed, name);

    public Table<T> Of<T>()
        where T : class, IResource => World.Of<T>();

    public T? Find<T>(string? guid)
        where T : class, IResource => World.Find<T>(guid);

    public T Put<T>(T row)
        where T : class, IResource
    {
        World = World.With(World.Of<T>().Put(row));
        Touch<T>(row.Guid);
        return row;
    }

    /// <summary>Puts many rows with one write of their table (what a loop of <see cref="Put{T}"/> does, with far less copying).</summary>
    public void PutRange<T>(IReadOnlyCollection<T> rows)
        where T : class, IResource
    {
        World = World.With(World.Of<T>().PutRange(rows));
        foreach (var row in rows)
        {
            Touch<T>(row.Guid);
        }
    }

    public void Remove<T>(string guid)
        where T : class, IResource
    {
        World = World.With(World.Of<T>().Remove(guid));
        Touch<T>(guid);
    }

    public void RemoveWhere<T>(Func<T, bool> predicate)
        where T : class, IResource
    {
        var table = World.Of<T>();
        var doomed = table.All.Where(predicate).Select(row => row.Guid).ToHashSet(StringComparer.Ordinal);
        if (doomed.Count == 0)
        {
            return;
        }

        World = World.With(table.RemoveWhere(row => doomed.Contains(row.Guid)));
        foreach (var guid in doomed)
        {
            Touch<T>(guid);
        }
    }

    /// <summary>
    /// The rows of one type this transaction put or removed that differ between <paramref name="before"/> and
    /// <paramref name="after"/>, in table order; found without walking the table.
    /// </summary>
    public IReadOnlyList<(T? Before, T? After)> Changes<T>(World before, World after)
        where T : class, IResource
    {
        if (!touched.TryGetValue(typeof(T), out var guids))
        {
            return [];
        }

        return [.. guids
            .Select(guid => (Before: before.Find<T>(guid), After: after.Find<T>(guid)))
            .Where(change => !ReferenceEquals(change.Before, change.After))
            .OrderBy(change => change.After is { } row ? after.Of<T>().PositionOf(row.Guid) : before.Of<T>().PositionOf(change.Before!.Guid))];
    }

    private void Touch<T>(string guid)
    {
        if (!touched.TryGetValue(typeof(T), out var guids))
        {
            touched[typeof(T)] = guids = new HashSet<string>(StringComparer.Ordinal);
        }

        guids.Add(guid);
    }

    /// <summary>Undoes everything done since <paramref name="savepoint"/> (a world taken earlier in this transaction).</summary>
    public void RollbackTo(World savepoint) => World = savepoint;

    public T Setting<T>(T fallback)
        where T : class => World.Setting(fallback);

    public void SetSetting<T>(T value)
        where T : class => World = World.WithSetting(value);
}
