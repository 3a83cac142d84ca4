namespace CloudFoundry.Fake.Engine;

/// <summary>One request the foundation answered, as the client sent it and as it was answered.</summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    int Status,
    bool Matched,
    string? RequestBody,
    string? ResponseBody,
    double DurationMs);

/// <summary>A bounded ring of the most recent requests of one foundation.</summary>
public sealed class Journal(int capacity)
{
    private readonly Lock gate = new();
    private readonly Queue<JournalEntry> entries = new();
    private long sequence;

    public int Capacity { get; } = capacity;

    public long NextSequence()
    {
        lock (gate)
        {
            return ++sequence;
        }
    }

    public void Add(JournalEntry entry)
    {
        lock (gate)
        {
            entries.Enqueue(entry);
            while (entries.Count > Capacity)
            {
                entries.Dequeue();
            }
        }
    }

    public IReadOnlyList<JournalEntry> Entries()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
