using CloudFoundry.Fake.Conformance.Derived;
using CloudFoundry.Fake.Conformance.Specs;

namespace CloudFoundry.Fake.Conformance;

/// <summary>One run of the tool: the curated scenarios (Cloud Foundry flows), then the suite derived from the chosen spec.</summary>
public sealed class ConformanceRun(CommandLine options)
{
    private const string NoSpec = "none";

    /// <summary>The curated scenarios this run includes.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; } = options.IsTsuru
        ? []
        : [.. Scenario.BuiltIn().Where(scenario => options.Only is null || scenario.Name == options.Only)];

    /// <summary>Everything the run would send, without a target.</summary>
    public IReadOnlyList<string> Plan()
    {
        var lines = Scenarios.SelectMany(scenario => scenario.Steps.Select(step => $"{scenario.Name}: {step.Method} {step.Path}")).ToList();
        if (options.Spec != NoSpec)
        {
            using var unused = new HttpClient();
            lines.AddRange(Suite(new TargetClient(unused, null), new HashSet<string>(), options.BrokerUrl is null ? null : new Uri(options.BrokerUrl)).Plan(SpecFilter()).Select(line => $"spec {options.Spec}: {line}"));
        }

        return lines;
    }

    /// <summary>Runs everything against the target; progress reports (done, total, current step).</summary>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(TargetClient target, IProgress<(int Done, int Total, string Current)>? progress = null, CancellationToken cancellationToken = default)
    {
        var specs = SpecDocument.BuiltInNames().Where(name => name.StartsWith("cloudfoundry", StringComparison.Ordinal)).Select(SpecDocument.BuiltIn).ToList();
        var runner = new ScenarioRunner(target, specs);
        var results = new List<CheckResult>();
        foreach (var scenario in Scenarios)
        {
            progress?.Report((0, 1, scenario.Name));
            results.AddRange(await runner.RunAsync(scenario, cancellationToken));
        }

        if (options.Spec != NoSpec && (options.Only is null || Scenarios.Count == 0))
        {
            var support = await target.SendAsync("GET", "/_fake/support", anonymous: true, cancellationToken: cancellationToken);
            var isCloudFoundryFake = support.Status == 200 && !options.IsTsuru;
            var suite = Suite(target, NotServedByFake(support), options.BrokerUrl is { } given ? new Uri(given) : isCloudFoundryFake ? FakeBroker() : null);
            results.AddRange(KnownDifferences.BuiltIn(options.Spec).Accept(await suite.RunAsync(SpecFilter(), progress, cancellationToken)));
        }

        return results;
    }

    /// <summary>
    /// When the target is the fake (its support matrix answers), the operations of the spec it reports as not served
    /// yet; they are left out (and listed there) rather than failed. Empty for any other target.
    /// </summary>
    private HashSet<string> NotServedByFake(Exchange support) =>
        support.Status == 200 && support.Body is System.Text.Json.Nodes.JsonArray entries
            ? entries.Where(entry => entry?["document"]?.ToString() == options.Spec && entry["status"]?.ToString() == "not served")
                .Select(entry => $"{entry!["method"]} {entry["path"]}").ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    /// <summary>The fake's own sample broker, at the target's address (null when replaying a recording).</summary>
    private Uri? FakeBroker() => options.Target is { } fake ? new Uri(new Uri(fake), "/_fake/broker") : null;

    private string? SpecFilter() => Scenarios.Count > 0 ? null : options.Only;

    private SpecSuite Suite(TargetClient target, IReadOnlySet<string> excluded, Uri? brokerUrl) => SpecSuite.BuiltIn(target, options.Spec, options.AllowGlobalChanges, excluded, brokerUrl);
}
