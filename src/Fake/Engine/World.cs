using System.Collections.Immutable;

namespace CloudFoundry.Fake.Engine;

/// <summary>
/// The whole state of one foundation as one immutable value. Features keep their own tables in it
/// without the engine knowing their types; snapshots are just references to a world.
/// </summary>
public sealed record World(string Seed, long GuidSequence, ImmutableDictionary<Type, object> Tables)
{
    public static World Empty(string seed) => new(seed, 0, ImmutableDictionary<Type, object>.Empty);

    public Table<T> Of<T>()
        where T : class, IResource =>
        Tables.TryGetValue(typeof(T), out var table) ? (Table<T>)table : Table<T>.Empty;

    public World With<T>(Table<T> table)
        where T : class, IResource =>
        this with { Tables = Tables.SetItem(typeof(T), table) };

    public T? Find<T>(string? guid)
        where T : class, IResource => Of<T>().Find(guid);

    public IReadOnlyDictionary<string, int> TableCounts() => Tables
        .Where(pair => pair.Value is ITable)
        .OrderBy(pair => pair.Key.Name, StringComparer.Ordinal)
        .ToDictionary(pair => pair.Key.Name, pair => ((ITable)pair.Value).Count);

    /// <summary>A table-independent singleton value (settings, counters) stored under its type.</summary>
    public T Setting<T>(T fallback)
        where T : class =>
        Tables.TryGetValue(typeof(T), out var value) ? (T)value : fallback;

    public World WithSetting<T>(T value)
        where T : class =>
        this with { Tables = Tables.SetItem(typeof(T), value) };
}
