using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Persistence;

/// <summary>What a state file holds: a foundation's world and where its clock stood.</summary>
public sealed record SavedFoundation(World World, DateTimeOffset Clock, bool RealTimeClock)
{
    public static SavedFoundation Of(Foundation foundation) =>
        new(foundation.World, foundation.Clock.GetUtcNow(), foundation.Clock.RealTime);

    /// <summary>Puts the saved world into the foundation; a real-time clock resumes from the wall clock when that is later.</summary>
    public void RestoreInto(Foundation foundation)
    {
        foundation.Restore(World);
        var now = DateTimeOffset.UtcNow;
        foundation.Clock.Set(RealTimeClock && now > Clock ? now : Clock, RealTimeClock);
    }
}
