using CloudFoundry.Fake.Conformance.Derived;
using CloudFoundry.Fake.Fixtures;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary>
/// The fake passes the suite derived from its own spec: every operation it serves (specs/not-yet-served.txt lists the
/// rest) with its negative cases, except the reviewed differences in specs/scenarios/known-differences. The fake
/// listens on a port so it can reach its own sample broker, which the run registers; tasks are held so one can be
/// cancelled.
/// </summary>
public sealed class SpecSuiteAgainstFakeTests(KestrelFake kestrel, ITestOutputHelper output) : IClassFixture<KestrelFake>
{
    [Fact]
    public async Task The_fake_passes_the_suite_derived_from_the_cloud_foundry_v3_spec()
    {
        using var foundation = kestrel.Fake.CreateFoundation();
        foundation.Tasks.Hold();
        using var http = kestrel.ClientOf(foundation, new HttpClientHandler());
        var token = await TargetLogin.PasswordAsync(http, "admin", "admin");
        var client = new TargetClient(http, token, TimeSpan.Zero);
        var suite = SpecSuite.BuiltIn(client, "cloudfoundry-v3", allowGlobalChanges: true, NotYetServed("cloudfoundry-v3"), new Uri(kestrel.Fake.BaseAddress, "/_fake/broker"));
        var known = KnownDifferences.BuiltIn("cloudfoundry-v3");

        var raw = await suite.RunAsync();
        var results = known.Accept(raw);

        var failures = results.Where(result => !result.Passed).ToList();
        var gone = known.Listed.Where(difference => !raw.Any(result => !result.Passed && (result.Step, result.Rule) == difference)).ToList();
        foreach (var failure in failures)
        {
            output.WriteLine($"{failure.Step}: {failure.Rule} {failure.Pointer}: {failure.Message}\n    {failure.Exchange}");
        }

        output.WriteLine($"{results.Select(result => result.Step).Distinct().Count()} operations, {results.Count(result => result.Rule == "skipped")} skipped, {results.Count} checks, {failures.Count} failed");
        Assert.True(failures.Count == 0, $"{failures.Count} unexpected failures, first: {failures.FirstOrDefault()}");
        Assert.True(gone.Count == 0, "Known differences that no longer happen (delete them from the list): " + string.Join(", ", gone));
        Assert.True(results.Count > 1000, $"only {results.Count} checks");
    }

    [Fact]
    public async Task The_fake_passes_the_suite_derived_from_the_cloud_foundry_v2_spec()
    {
        using var foundation = kestrel.Fake.CreateFoundation();
        var token = await TargetLogin.PasswordAsync(foundation.Anonymous, "admin", "admin");
        var suite = SpecSuite.BuiltIn(new TargetClient(foundation.Anonymous, token, TimeSpan.Zero), "cloudfoundry-v2-apps");

        var results = await suite.RunAsync();

        var failures = results.Where(result => !result.Passed).ToList();
        foreach (var failure in failures)
        {
            output.WriteLine($"{failure.Step}: {failure.Rule} {failure.Pointer}: {failure.Message}\n    {failure.Exchange}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {failures.FirstOrDefault()}");
        Assert.DoesNotContain(results, result => result.Rule == "skipped");
        Assert.Equal(23, results.Select(result => result.Step).Distinct().Count());
    }

    [Fact]
    public async Task A_broken_fake_is_caught_by_the_derived_suite()
    {
        using var foundation = kestrel.Fake.CreateFoundation();
        foundation.Faults.Add(new Engine.Fault(string.Empty, Engine.FaultKind.Status, "/v3/stacks", "GET", Status: 500));
        var token = await TargetLogin.PasswordAsync(foundation.Anonymous, "admin", "admin");
        var suite = SpecSuite.BuiltIn(new TargetClient(foundation.Anonymous, token, TimeSpan.Zero), "cloudfoundry-v3");

        var results = await suite.RunAsync(only: "stacks");

        Assert.Contains(results, result => !result.Passed && result.Step == "listStacks" && result.Rule == "status" && result.Message.Contains("got 500", StringComparison.Ordinal));
        Assert.Contains(results, result => result.Passed && result.Step == "getStack" && result.Rule == "schema");
    }

    private static HashSet<string> NotYetServed(string document) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "specs", "not-yet-served.txt"))
            .Where(line => line.StartsWith(document + " ", StringComparison.Ordinal))
            .Select(line => line[(document.Length + 1)..])];
}
