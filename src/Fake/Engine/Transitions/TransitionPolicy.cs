namespace CloudFoundry.Fake.Engine.Transitions;

public enum TransitionMode
{
    /// <summary>The lifecycle finishes in the same change that starts it.</summary>
    Immediate,

    /// <summary>The lifecycle finishes when its resource has been read <see cref="TransitionPolicy.Polls"/> times.</summary>
    AfterPolls,

    /// <summary>The lifecycle finishes once the foundation clock has moved by <see cref="TransitionPolicy.Delay"/>.</summary>
    AfterTime,

    /// <summary>The lifecycle waits until a test or the admin API steps it.</summary>
    Manual,
}

/// <summary>How one kind of lifecycle (build, job, deployment, ...) advances in one foundation.</summary>
public sealed record TransitionPolicy(TransitionMode Mode, int Polls = 0, TimeSpan Delay = default)
{
    public static readonly TransitionPolicy Immediate = new(TransitionMode.Immediate);
}
