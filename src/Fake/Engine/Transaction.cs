namespace CloudFoundry.Fake.Engine;

/// <summary>
/// One atomic change to a foundation: starts from a world snapshot, accumulates a new world and is
/// committed as a whole, or not at all when it throws.
/// </summary>
public sealed class Transaction(World start, DateTimeOffset now)
{
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
        return row;
    }

    public void Remove<T>(string guid)
        where T : class, IResource => World = World.With(World.Of<T>().Remove(guid));

    public void RemoveWhere<T>(Func<T, bool> predicate)
        where T : class, IResource => World = World.With(World.Of<T>().RemoveWhere(predicate));

    /// <summary>Undoes everything done since <paramref name="savepoint"/> (a world taken earlier in this transaction).</summary>
    public void RollbackTo(World savepoint) => World = savepoint;

    public T Setting<T>(T fallback)
        where T : class => World.Setting(fallback);

    public void SetSetting<T>(T value)
        where T : class => World = World.WithSetting(value);
}
