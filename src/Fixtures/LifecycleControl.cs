using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>The lifecycle kinds of the fake, as the admin API names them.</summary>
public static class LifecycleKinds
{
    /// <summary>Builds: STAGING → STAGED or FAILED.</summary>
    public const string Build = "build";

    /// <summary>Process instances: STARTING → RUNNING or CRASHED.</summary>
    public const string ProcessInstances = "process_instances";

    /// <summary>Jobs: PROCESSING → COMPLETE or FAILED.</summary>
    public const string Job = "job";

    /// <summary>Package uploads: PROCESSING_UPLOAD → READY or FAILED.</summary>
    public const string Package = "package";

    /// <summary>Tasks: RUNNING → SUCCEEDED or FAILED.</summary>
    public const string Task = "task";

    /// <summary>Deployments: DEPLOYING → DEPLOYED (a canary pauses after each step first), CANCELING → CANCELED; a failure cancels.</summary>
    public const string Deployment = "deployment";

    /// <summary>Tsuru deploys and builds: running → finished (units started) or failed with the scripted error.</summary>
    public const string TsuruDeploy = "tsuru_deploy";
}

/// <summary>Controls one kind of lifecycle in one foundation: when it finishes, and whether it fails.</summary>
public sealed class LifecycleControl
{
    private readonly Foundation foundation;
    private readonly Lifecycles lifecycles;

    internal LifecycleControl(Foundation foundation, Lifecycles lifecycles, string kind)
    {
        this.foundation = foundation;
        this.lifecycles = lifecycles;
        Kind = kind;
    }

    /// <summary>The lifecycle kind.</summary>
    public string Kind { get; }

    /// <summary>The next lifecycles of this kind that start will fail with these messages, in order.</summary>
    public NextFailures Next => new(this);

    /// <summary>Lifecycles of this kind wait until <see cref="Step"/> (manual mode).</summary>
    public void Hold() => Use(new TransitionPolicy(TransitionMode.Manual));

    /// <summary>Lifecycles of this kind finish after their resource has been read this many times.</summary>
    public void AfterPolls(int polls) => Use(new TransitionPolicy(TransitionMode.AfterPolls, polls));

    /// <summary>Lifecycles of this kind finish once the clock has moved by this much.</summary>
    public void After(TimeSpan delay) => Use(new TransitionPolicy(TransitionMode.AfterTime, Delay: delay));

    /// <summary>Lifecycles of this kind finish as they start (the default).</summary>
    public void Immediate() => Use(TransitionPolicy.Immediate);

    /// <summary>Finishes pending lifecycles of this kind (all, or the one of a resource); returns how many finished.</summary>
    public int Step(string? resourceGuid = null) => foundation.Write(transaction => lifecycles.Step(transaction, Kind, resourceGuid, null));

    /// <summary>Fails pending lifecycles of this kind (e.g. crashes starting instances of a process); returns how many failed.</summary>
    public int Fail(string message, string? resourceGuid = null) => foundation.Write(transaction => lifecycles.Step(transaction, Kind, resourceGuid, message));

    internal void FailNext(string message) => foundation.Write(transaction => Lifecycles.FailNext(transaction, Kind, message));

    private void Use(TransitionPolicy policy) => foundation.Write(transaction => Lifecycles.SetPolicy(transaction, Kind, policy));
}

/// <summary>Scripts failures for the next lifecycles of a kind.</summary>
public sealed class NextFailures
{
    private readonly LifecycleControl control;

    internal NextFailures(LifecycleControl control) => this.control = control;

    /// <summary>The next lifecycle of this kind fails with <paramref name="message"/> (e.g. "StagingError - ...").</summary>
    public void Fail(string message) => control.FailNext(message);
}
