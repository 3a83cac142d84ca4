using System.Collections.Immutable;
using System.Globalization;

namespace CloudFoundry.Fake.Engine.Transitions;

/// <summary>
/// The lifecycle policies a new foundation starts with. <c>immediate</c> (fixtures and tests) finishes everything in the
/// request that starts it; <c>realistic</c> (the standalone server) lets staging, starting instances, tasks, deployments
/// and jobs take a few seconds of clock time, so clients see STAGING, STARTING, RUNNING and POLLING as on a real
/// foundation (Tsuru deploys stay immediate: the server streams a deploy until it has finished). Single kinds can be overridden with <c>Fake:Lifecycles:{kind}</c> = <c>immediate</c>, <c>manual</c>,
/// <c>polls:N</c> or <c>time:hh:mm:ss</c>.
/// </summary>
public static class LifecyclePresets
{
    public const string Immediate = "immediate";
    public const string Realistic = "realistic";

    private static readonly IReadOnlyDictionary<string, TransitionPolicy> RealisticPolicies = new Dictionary<string, TransitionPolicy>
    {
        ["package"] = After(1),
        ["build"] = After(3),
        ["process_instances"] = After(2),
        ["task"] = After(5),
        ["deployment"] = After(3),
        ["job"] = After(1),
    };

    public static ImmutableDictionary<string, TransitionPolicy> Policies(FakeOptions options)
    {
        var preset = options.LifecyclePreset.ToLowerInvariant() switch
        {
            Immediate => new Dictionary<string, TransitionPolicy>(),
            Realistic => RealisticPolicies,
            var other => throw new InvalidOperationException($"Unknown Fake:LifecyclePreset '{other}'; use '{Immediate}' or '{Realistic}'."),
        };
        return preset.Concat(options.Lifecycles.Select(pair => KeyValuePair.Create(pair.Key, Parse(pair.Key, pair.Value))))
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToImmutableDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);
    }

    private static TransitionPolicy After(int seconds) => new(TransitionMode.AfterTime, Delay: TimeSpan.FromSeconds(seconds));

    private static TransitionPolicy Parse(string kind, string text)
    {
        var parts = text.Split(':', 2);
        return (parts[0].ToLowerInvariant(), parts.Length > 1 ? parts[1] : null) switch
        {
            (Immediate, null) => TransitionPolicy.Immediate,
            ("manual", null) => new TransitionPolicy(TransitionMode.Manual),
            ("polls", { } polls) when int.TryParse(polls, CultureInfo.InvariantCulture, out var count) && count > 0 => new TransitionPolicy(TransitionMode.AfterPolls, count),
            ("time", { } delay) when TimeSpan.TryParse(delay, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero => new TransitionPolicy(TransitionMode.AfterTime, Delay: span),
            _ => throw new InvalidOperationException($"Fake:Lifecycles:{kind} = '{text}' is not 'immediate', 'manual', 'polls:N' or 'time:hh:mm:ss'."),
        };
    }
}
