using CloudFoundry.Fake.Conformance.Derived;
using CloudFoundry.Fake.Fixtures;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary>
/// <c>--spec tsuru</c>: the suite derived from the Tsuru spec, logged in as Tsuru does it, against the Tsuru fake: every
/// operation of the spec runs (none skipped) and passes, except the reviewed differences between Tsuru and its spec.
/// </summary>
public sealed class TsuruSuiteTests(TsuruFake fake, ITestOutputHelper output) : IClassFixture<TsuruFake>
{
    [Fact]
    public async Task The_tsuru_fake_passes_the_suite_derived_from_the_tsuru_spec()
    {
        using var foundation = fake.CreateFoundation();
        var options = CommandLine.Parse(["--target", fake.BaseAddress.ToString(), "--spec", "tsuru", "--allow-global-changes"])!;
        var client = new TargetClient(foundation.Anonymous, await TargetLogin.ForAsync(foundation.Anonymous, options), TimeSpan.Zero) { WebSockets = foundation.ConnectWebSocketAsync };

        var results = await new ConformanceRun(options).RunAsync(client);

        var failures = results.Where(result => !result.Passed).ToList();
        var accepted = results.Where(result => result.Message.StartsWith("known difference", StringComparison.Ordinal)).Select(result => (result.Step, result.Rule)).ToHashSet();
        var gone = KnownDifferences.BuiltIn("tsuru").Listed.Where(difference => !accepted.Contains(difference)).ToList();
        foreach (var failure in failures)
        {
            output.WriteLine($"{failure.Step}: {failure.Rule} {failure.Pointer}: {failure.Message}\n    {failure.Exchange}");
        }

        var skipped = results.Where(result => result.Rule == "skipped").Select(result => $"{result.Step} ({result.Message})").ToList();
        output.WriteLine($"{results.Select(result => result.Step).Distinct().Count()} operations, {skipped.Count} skipped, {results.Count} checks, {failures.Count} failed");
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {failures.FirstOrDefault()}");
        Assert.True(gone.Count == 0, "Known differences that no longer happen (delete them from the list): " + string.Join(", ", gone));
        Assert.True(skipped.Count == 0, "Skipped: " + string.Join(", ", skipped));
        Assert.Equal(227, results.Select(result => result.Step).Distinct().Count());
        Assert.True(results.Count > 700, $"only {results.Count} checks");
    }
}
