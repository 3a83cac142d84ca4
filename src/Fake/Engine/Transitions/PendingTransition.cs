namespace CloudFoundry.Fake.Engine.Transitions;

/// <summary>A lifecycle in flight: which resource waits, and what lets it finish.</summary>
public sealed record PendingTransition(
    string Guid,
    string Kind,
    string ResourceGuid,
    DateTimeOffset StartedAt,
    TransitionMode Mode,
    int PollsLeft,
    DateTimeOffset? DueAt,
    string? Failure) : IResource
{
    public static string KeyOf(string kind, string resourceGuid) => kind + ":" + resourceGuid;
}
