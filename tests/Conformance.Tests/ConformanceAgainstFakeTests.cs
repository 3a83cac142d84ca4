using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;
using CloudFoundry.Fake.Fixtures;

namespace CloudFoundry.Fake.Conformance.Tests;

public sealed class ConformanceAgainstFakeTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    public static TheoryData<string> Scenarios() => [.. Scenario.BuiltIn().Select(scenario => scenario.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_fake_passes_every_built_in_scenario(string name)
    {
        using var foundation = fake.CreateFoundation();
        var http = foundation.Anonymous;
        var token = await TargetLogin.PasswordAsync(http, "admin", "admin");
        var runner = new ScenarioRunner(new TargetClient(http, token, TimeSpan.Zero), [SpecDocument.BuiltIn("cloudfoundry-v3")]);

        var results = await runner.RunAsync(Scenario.BuiltIn().Single(scenario => scenario.Name == name));

        Assert.NotEmpty(results);
        Assert.All(results, result => Assert.True(result.Passed, $"{result.Step}: {result.Rule} {result.Pointer}: {result.Message}"));
    }

    [Fact]
    public async Task A_failing_target_is_reported_with_rule_and_pointer_and_stops_the_scenario()
    {
        using var foundation = fake.CreateFoundation();
        foundation.Faults.Add(new Engine.Fault(string.Empty, Engine.FaultKind.Status, "/v3/spaces", "POST", Status: 503));
        var token = await TargetLogin.PasswordAsync(foundation.Anonymous, "admin", "admin");

        var results = await new ScenarioRunner(new TargetClient(foundation.Anonymous, token, TimeSpan.Zero)).RunAsync(Scenario.BuiltIn().Single(scenario => scenario.Name == "foundation"));

        var failure = Assert.Single(results, result => !result.Passed);
        Assert.Equal(("create space", "status", "expected 201, got 503"), (failure.Step, failure.Rule, failure.Message));
        Assert.Equal(failure, results[^1]);
    }
}
