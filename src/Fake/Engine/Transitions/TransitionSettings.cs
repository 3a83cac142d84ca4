using System.Collections.Immutable;

namespace CloudFoundry.Fake.Engine.Transitions;

/// <summary>Per-foundation policies per lifecycle kind and the failures scripted for the next lifecycles.</summary>
public sealed record TransitionSettings(
    ImmutableDictionary<string, TransitionPolicy> Policies,
    ImmutableDictionary<string, ImmutableQueue<string>> ScriptedFailures)
{
    public static readonly TransitionSettings Default = new(
        ImmutableDictionary<string, TransitionPolicy>.Empty,
        ImmutableDictionary<string, ImmutableQueue<string>>.Empty);

    public TransitionPolicy PolicyFor(string kind) =>
        Policies.TryGetValue(kind, out var policy) ? policy : TransitionPolicy.Immediate;
}
