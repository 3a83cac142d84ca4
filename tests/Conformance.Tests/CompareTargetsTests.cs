using CloudFoundry.Fake.Conformance.Compare;
using CloudFoundry.Fake.Conformance.Specs;
using CloudFoundry.Fake.Fixtures;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary><c>--compare</c>: the same run against two targets, diffed answer by answer after normalization.</summary>
public sealed class CompareTargetsTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    private static async Task<IReadOnlyList<Exchange>> RunAsync(FakeFoundation foundation, string scenario)
    {
        var token = await TargetLogin.PasswordAsync(foundation.Anonymous, "admin", "admin");
        var client = new TargetClient(foundation.Anonymous, token, TimeSpan.Zero);
        var exchanges = new List<Exchange>();
        client.Exchanged += exchanges.Add;
        await new ScenarioRunner(client, [SpecDocument.BuiltIn("cloudfoundry-v3")]).RunAsync(Scenario.BuiltIn().Single(candidate => candidate.Name == scenario));
        return exchanges;
    }

    [Fact]
    public async Task Two_foundations_with_different_guids_and_clocks_give_the_same_normalized_answers()
    {
        using var first = fake.CreateFoundation();
        using var second = fake.CreateFoundation(seed: "another-seed");
        second.Clock.Advance(TimeSpan.FromDays(3));

        var results = TargetComparison.BuiltIn().Compare(fake.BaseAddress, await RunAsync(first, "foundation"), new Uri("http://other.example.org"), await RunAsync(second, "foundation"));

        Assert.True(results.Count > 5, $"only {results.Count} exchanges compared");
        Assert.All(results, result => Assert.True(result.Passed, $"{result.Step} {result.Pointer}: {result.Message}"));
    }

    [Fact]
    public async Task Differences_are_reported_with_their_json_pointer()
    {
        using var first = fake.CreateFoundation();
        using var second = fake.CreateFoundation();
        second.Faults.Add(new Engine.Fault(string.Empty, Engine.FaultKind.Status, "/v3/spaces", "POST", Status: 503));

        var results = TargetComparison.BuiltIn().Compare(fake.BaseAddress, await RunAsync(first, "foundation"), fake.BaseAddress, await RunAsync(second, "foundation"));

        var failures = results.Where(result => !result.Passed).ToList();
        Assert.Contains(failures, failure => failure.Pointer == "/status" && failure.Message == "201 vs 503" && failure.Step.Contains("POST /v3/spaces", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Pointer == "/body/guid" && failure.Message == "only in the first target");
    }

    [Fact]
    public void Json_differences_name_missing_keys_array_lengths_and_values()
    {
        var left = System.Text.Json.Nodes.JsonNode.Parse("""{"a":1,"b":[1,2],"c":{"d/e":"x"}}""");
        var right = System.Text.Json.Nodes.JsonNode.Parse("""{"b":[1],"c":{"d/e":"y"},"f":null}""");

        var differences = JsonDiff.Of(left, right).ToList();

        Assert.Equal(
            [("/a", "only in the first target"), ("/b", "2 items vs 1"), ("/c/d~1e", "\"x\" vs \"y\""), ("/f", "only in the second target")],
            differences);
    }
}
