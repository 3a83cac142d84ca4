namespace CloudFoundry.Fake.Engine;

/// <summary>
/// Runs inside every write, after the change and before the commit, with the world the change started from: a place
/// for derived records (usage events) that must be written exactly once and atomically with what caused them.
/// </summary>
public delegate void CommitObserver(Transaction transaction, World before);

/// <summary>
/// Runs once after a write committed (never for an attempt that lost a conflict and was retried), with the foundation,
/// the committed transaction and the world it started from: a place to start side effects outside the world, such as
/// calling a webhook, which must neither block nor fail the write.
/// </summary>
public delegate void CommitListener(Foundation foundation, Transaction transaction, World before);

/// <summary>
/// One isolated foundation: its current world, clock, request journal and scripted faults.
/// Writers commit optimistically (compare-and-swap, retried on conflict) so no update is lost;
/// readers take the current world without locking.
/// </summary>
public sealed class Foundation
{
    private World world;

    private readonly IReadOnlyList<CommitObserver> observers;

    private readonly IReadOnlyList<CommitListener> listeners;

    public Foundation(
        string id, World world, VirtualClock clock, int journalCapacity, IReadOnlyList<CommitObserver>? observers = null, IReadOnlyList<CommitListener>? listeners = null)
    {
        Id = id;
        this.world = world;
        Clock = clock;
        Journal = new Journal(journalCapacity);
        this.observers = observers ?? [];
        this.listeners = listeners ?? [];
    }

    public string Id { get; }

    public VirtualClock Clock { get; }

    public Journal Journal { get; }

    public FaultSet Faults { get; } = new();

    public World World => Volatile.Read(ref world);

    /// <summary>Named snapshots of this foundation's world (O(1): each is just a reference).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, World> Snapshots { get; } = new(StringComparer.Ordinal);

    public string Snapshot(string? name = null)
    {
        var id = name ?? $"snapshot-{Snapshots.Count + 1}";
        Snapshots[id] = World;
        return id;
    }

    public T Write<T>(Func<Transaction, T> change)
    {
        while (true)
        {
            var before = World;
            var transaction = new Transaction(before, Clock.Now);
            var result = change(transaction);
            foreach (var observer in observers)
            {
                observer(transaction, before);
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref world, transaction.World, before), before))
            {
                foreach (var listener in listeners)
                {
                    listener(this, transaction, before);
                }

                return result;
            }
        }
    }

    public void Write(Action<Transaction> change) => Write(transaction =>
    {
        change(transaction);
        return true;
    });

    public void Restore(World snapshot) => Interlocked.Exchange(ref world, snapshot);

    public Foundation Fork(string id) => new(id, World, Clock.Fork(), Journal.Capacity, observers, listeners);
}
