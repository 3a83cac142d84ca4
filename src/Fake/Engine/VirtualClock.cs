using System.Diagnostics;

namespace CloudFoundry.Fake.Engine;

/// <summary>
/// The clock of one foundation. Frozen clocks move only when told to; a real-time clock follows the
/// wall clock from its last setting. Timestamps are truncated to whole seconds, as Cloud Controller's are.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    public static readonly DateTimeOffset DefaultEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private DateTimeOffset anchor;
    private long anchorTimestamp;

    public VirtualClock(DateTimeOffset start, bool realTime)
    {
        anchor = start;
        RealTime = realTime;
        anchorTimestamp = Stopwatch.GetTimestamp();
    }

    public bool RealTime { get; private set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return RealTime ? anchor + Stopwatch.GetElapsedTime(anchorTimestamp) : anchor;
        }
    }

    public DateTimeOffset Now
    {
        get
        {
            var now = GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        }

        lock (gate)
        {
            anchor += by;
        }
    }

    public void Set(DateTimeOffset to, bool? realTime = null)
    {
        lock (gate)
        {
            anchor = to.ToUniversalTime();
            anchorTimestamp = Stopwatch.GetTimestamp();
            RealTime = realTime ?? RealTime;
        }
    }

    public VirtualClock Fork() => new(GetUtcNow(), RealTime);
}
