using System.Collections.Concurrent;
using CloudFoundry.Fake.Engine.Transitions;

namespace CloudFoundry.Fake.Engine;

/// <summary>Builds the initial state of a new foundation.</summary>
public delegate void FoundationSeed(Transaction transaction);

/// <summary>
/// Every foundation living in this process. The default one is seeded at start; others are created
/// from the same seed or forked (O(1): the fork shares the source's immutable world).
/// </summary>
public sealed class Foundations
{
    public const string DefaultId = "default";

    /// <summary>The admin API's name for the foundation a request talks to (its header or path prefix, else the default); no foundation may take it.</summary>
    public const string CurrentId = "current";

    private readonly ConcurrentDictionary<string, Foundation> foundations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, World> seededWorlds = new(StringComparer.Ordinal);
    private readonly IEnumerable<FoundationSeed> seeds;
    private readonly IReadOnlyList<CommitObserver> observers;
    private readonly IReadOnlyList<CommitListener> listeners;
    private readonly FakeOptions options;
    private int forkCounter;

    public Foundations(
        FakeOptions options, IEnumerable<FoundationSeed> seeds, IEnumerable<CommitObserver>? observers = null, IEnumerable<CommitListener>? listeners = null)
    {
        this.options = options;
        this.seeds = seeds;
        this.observers = [.. observers ?? []];
        this.listeners = [.. listeners ?? []];
        Default = Create(DefaultId, options.Seed, options.RealTimeClock);
    }

    public Foundation Default { get; }

    public IEnumerable<Foundation> All => foundations.Values.OrderBy(foundation => foundation.Id, StringComparer.Ordinal);

    public Foundation? Find(string id) => foundations.GetValueOrDefault(id);

    public Foundation Create(string? id, string? seed, bool realTime = false)
    {
        var chosenId = id ?? NextId("foundation");
        var world = SeededWorld(seed ?? options.Seed);
        var clock = new VirtualClock(realTime ? DateTimeOffset.UtcNow : options.Epoch, realTime);
        return Register(new Foundation(chosenId, world, clock, options.JournalCapacity, observers, listeners));
    }

    public Foundation Fork(Foundation source, string? id = null) =>
        Register(source.Fork(id ?? NextId("fork")));

    public void Reset(Foundation foundation) => foundation.Restore(SeededWorld(foundation.World.Seed));

    public bool Remove(string id) => id != DefaultId && foundations.TryRemove(id, out _);

    private Foundation Register(Foundation foundation)
    {
        if (!foundations.TryAdd(foundation.Id, foundation))
        {
            throw new InvalidOperationException($"A foundation named '{foundation.Id}' already exists.");
        }

        return foundation;
    }

    private string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref forkCounter)}";

    private World SeededWorld(string seed) => seededWorlds.GetOrAdd(seed, value =>
    {
        var transaction = new Transaction(World.Empty(value), options.Epoch);
        foreach (var apply in seeds)
        {
            apply(transaction);
        }

        transaction.SetSetting(TransitionSettings.Default with { Policies = LifecyclePresets.Policies(options) });

        return transaction.World;
    });
}
