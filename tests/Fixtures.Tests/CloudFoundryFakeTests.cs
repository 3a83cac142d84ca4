using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

public sealed class CloudFoundryFakeTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    private static async Task<JsonNode> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task Forks_are_isolated_and_foundations_do_not_share_state()
    {
        using var foundation = fake.CreateFoundation();
        await CreateAsync(foundation.Api, "/v3/organizations", new { name = "prepared" });

        using var fork = foundation.Fork();
        await CreateAsync(fork.Api, "/v3/organizations", new { name = "only-in-fork" });
        using var other = fake.CreateFoundation();
        await CreateAsync(other.Api, "/v3/organizations", new { name = "prepared" });

        var original = JsonNode.Parse(await foundation.Api.GetStringAsync("/v3/organizations?names=prepared,only-in-fork"))!;
        var forked = JsonNode.Parse(await fork.Api.GetStringAsync("/v3/organizations?names=prepared,only-in-fork"))!;
        Assert.Equal(1, original["pagination"]!["total_results"]!.GetValue<int>());
        Assert.Equal(2, forked["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task Same_requests_give_the_same_guids_in_every_new_foundation()
    {
        using var first = fake.CreateFoundation();
        using var second = fake.CreateFoundation();

        var a = await CreateAsync(first.Api, "/v3/organizations", new { name = "same" });
        var b = await CreateAsync(second.Api, "/v3/organizations", new { name = "same" });

        Assert.Equal(a["guid"]!.GetValue<string>(), b["guid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Snapshots_restore_the_world_and_the_clock_expires_tokens()
    {
        using var foundation = fake.CreateFoundation();
        var snapshot = foundation.Snapshot();
        await CreateAsync(foundation.Api, "/v3/organizations", new { name = "temporary" });
        foundation.Restore(snapshot);
        var afterRestore = JsonNode.Parse(await foundation.Api.GetStringAsync("/v3/organizations?names=temporary"))!;
        Assert.Equal(0, afterRestore["pagination"]!["total_results"]!.GetValue<int>());

        foundation.Clock.Advance(TimeSpan.FromHours(13));

        Assert.Equal(HttpStatusCode.Unauthorized, (await foundation.Api.GetAsync("/v3/organizations")).StatusCode);
    }

    [Fact]
    public async Task Lifecycles_faults_and_the_journal_are_controlled_from_the_test()
    {
        using var foundation = fake.CreateFoundation();
        foundation.Jobs.Hold();
        var org = await CreateAsync(foundation.Api, "/v3/organizations", new { name = "held" });
        var delete = await foundation.Api.DeleteAsync($"/v3/organizations/{org["guid"]}");
        var job = JsonNode.Parse(await foundation.Api.GetStringAsync(delete.Headers.Location))!;
        Assert.Equal("PROCESSING", job["state"]!.GetValue<string>());
        Assert.Equal(1, foundation.Jobs.Step());
        Assert.Equal(HttpStatusCode.NotFound, (await foundation.Api.GetAsync($"/v3/organizations/{org["guid"]}")).StatusCode);

        foundation.Faults.Add(new Engine.Fault(string.Empty, Engine.FaultKind.Status, "/v3/spaces", Status: 503, Remaining: 1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await foundation.Api.GetAsync("/v3/spaces")).StatusCode);
        await foundation.Api.GetAsync("/v3/nowhere");

        Assert.Contains(foundation.Requests, entry => entry.Path == "/v3/spaces" && entry.Status == 503);
        Assert.Equal("/v3/nowhere", Assert.Single(foundation.Unmatched).Path);
    }

    [Fact]
    public async Task Users_with_roles_see_only_what_their_roles_allow()
    {
        using var foundation = fake.CreateFoundation();
        var mine = await CreateAsync(foundation.Api, "/v3/organizations", new { name = "mine" });
        await CreateAsync(foundation.Api, "/v3/organizations", new { name = "theirs" });
        var auditor = foundation.ClientFor("auditor", ("organization_auditor", mine["guid"]!.GetValue<string>()));

        var visible = JsonNode.Parse(await auditor.GetStringAsync("/v3/organizations"))!;

        Assert.Equal(["mine"], visible["resources"]!.AsArray().Select(item => item!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_console_is_off_unless_asked_for()
    {
        using var foundation = fake.CreateFoundation();

        var console = await foundation.Anonymous.GetAsync("/_fake/console/");

        Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
        var index = JsonNode.Parse(await foundation.Anonymous.GetStringAsync("/_fake/"))!;
        Assert.Null(index["console"]);
        Assert.Equal(new Uri(fake.BaseAddress, "/_fake/console/"), fake.ConsoleAddress);
    }
}
