using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruDeployTests
{
    private static async Task<(TestFoundation Foundation, HttpClient Tsuru)> AppAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).StatusCode);
        return (foundation, tsuru);
    }

    [Fact]
    public async Task An_image_deploy_streams_text_ending_in_OK_starts_units_and_is_listed()
    {
        var (foundation, tsuru) = await AppAsync();
        using var _ = foundation;

        var deploy = await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:3"), ("message", "first")));

        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);
        Assert.Equal("text", string.Join(string.Empty, deploy.Content.Headers.GetValues("Content-Type")));
        var output = await deploy.Content.ReadAsStringAsync();
        Assert.EndsWith("\nOK\n", output, StringComparison.Ordinal);
        var eventId = deploy.Headers.GetValues("X-Tsuru-Eventid").Single();
        Assert.Matches("^[0-9a-f]{24}$", eventId);
        var info = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web"))!;
        Assert.Equal(1, info["deploys"]!.GetValue<int>());
        Assert.Equal("started", info["units"]![0]!["Status"]!.GetValue<string>());
        var deploys = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/deploys?app=web"))!.AsArray();
        Assert.Equal((eventId, "tsuru/python:3", "image", "first"), (deploys[0]!["ID"]!.GetValue<string>(), deploys[0]!["Image"]!.GetValue<string>(), deploys[0]!["Origin"]!.GetValue<string>(), deploys[0]!["Message"]!.GetValue<string>()));
        Assert.Equal(eventId, JsonNode.Parse(await tsuru.GetStringAsync($"/1.0/deploys/{eventId}"))!["ID"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deploy_inputs_are_validated_with_the_server_texts()
    {
        var (foundation, tsuru) = await AppAsync();
        using var _ = foundation;

        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/web/deploy", Form()), HttpStatusCode.BadRequest, "You must provide at least one of: \"archive-url\", \"dockerfile\", \"image\" or \"file\"\n");
        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "a"), ("archive-url", "http://x/a.tgz"))), HttpStatusCode.BadRequest, "Cannot set \"image\" mutually with \"archive-url\"\n");
        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "a"), ("origin", "ftp"))), HttpStatusCode.BadRequest, "Invalid deployment origin\n");
        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/nope/deploy", Form(("image", "a"))), HttpStatusCode.NotFound, "App nope not found.\n");
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.0/deploys?app=web")).StatusCode);
    }

    [Fact]
    public async Task A_scripted_failure_ends_the_deploy_with_its_error_and_rollback_redeploys_an_earlier_image()
    {
        var (foundation, tsuru) = await AppAsync();
        using var _ = foundation;
        (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:1")))).EnsureSuccessStatusCode();
        (await foundation.Anonymous.PostAsync($"/_fake/foundations/{foundation.Id}/lifecycles/tsuru_deploy/fail-next", new StringContent("""{"message":"build failed: exit 1"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var failed = await (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:2")))).Content.ReadAsStringAsync();
        Assert.EndsWith("\nbuild failed: exit 1\n", failed, StringComparison.Ordinal);

        var rollback = await TsuruExpect.StreamAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "tsuru/python:1"))));
        Assert.Equal("OK\n", rollback[^1]["Message"]!.GetValue<string>());
        Assert.DoesNotContain(rollback, line => line.ContainsKey("Error"));
        var deploys = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/deploys?app=web"))!.AsArray();
        Assert.Equal(["rollback", "image", "image"], deploys.Select(deploy => deploy!["Origin"]!.GetValue<string>()));
        Assert.Equal("build failed: exit 1", deploys[1]!["Error"]!.GetValue<string>());
        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "tsuru/python:2"))), HttpStatusCode.BadRequest, "invalid version: \"tsuru/python:2\"\n");
    }

    [Fact]
    public async Task Rollback_takes_only_an_image_name_or_version_in_image_and_a_valid_origin()
    {
        var (foundation, tsuru) = await AppAsync();
        using var _ = foundation;
        (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:1")))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:2")))).EnsureSuccessStatusCode();

        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("version", "1"))), HttpStatusCode.BadRequest, "you cannot rollback without an image name\n");
        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "1"), ("origin", "ftp"))), HttpStatusCode.BadRequest, "Invalid deployment origin\n");
        var rollback = await TsuruExpect.StreamAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "1"))));
        Assert.Equal("OK\n", rollback[^1]["Message"]!.GetValue<string>());
        var deploys = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/deploys?app=web"))!.AsArray();
        Assert.Equal(("tsuru/python:1", "rollback"), (deploys[0]!["Image"]!.GetValue<string>(), deploys[0]!["Origin"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Team_access_quota_and_logs()
    {
        var (foundation, tsuru) = await AppAsync();
        using var _ = foundation;
        var team = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web"))!["teamowner"]!.GetValue<string>();

        await AssertTextAsync(tsuru.DeleteAsync($"/1.0/apps/web/teams/{team}"), HttpStatusCode.Forbidden,
            "You can not revoke the access from this team, because it is the unique team with access to the app, and an app can not be orphaned\n");
        await AssertTextAsync(tsuru.PutAsync("/1.0/apps/web/teams/ghosts", null), HttpStatusCode.NotFound, "Team not found\n");
        await AssertTextAsync(tsuru.PutAsync($"/1.0/apps/web/teams/{team}", null), HttpStatusCode.Conflict, "This team already has access to this app\n");

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.0/apps/web/quota", Form(("limit", "3")))).StatusCode);
        Assert.Equal("""{"limit":3,"inuse":0}""", (await tsuru.GetStringAsync("/1.0/apps/web/quota")).Trim());
        await AssertTextAsync(tsuru.PutAsync("/1.0/apps/web/quota", Form(("limit", "many"))), HttpStatusCode.BadRequest, "Invalid limit\n");

        (await tsuru.PostAsync("/1.0/apps/web/log", Form(("message", "started"), ("message", "listening on 8888"), ("source", "web"), ("unit", "u1")))).EnsureSuccessStatusCode();
        var log = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web/log?lines=2"))!.AsArray();
        Assert.Equal(["started", "listening on 8888"], log.Select(line => line!["Message"]!.GetValue<string>()));
        Assert.Equal(("web", "web", "u1"), (log[1]!["Source"]!.GetValue<string>(), log[1]!["Name"]!.GetValue<string>(), log[1]!["Unit"]!.GetValue<string>()));
        (await tsuru.PostAsync("/1.0/apps/web/log", new StringContent("""{"message":["json line"]}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps/web/log", new StringContent("""["a bare list is not read"]""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        log = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web/log?lines=1"))!.AsArray();
        Assert.Equal(("json line", "app", ""), (log[0]!["Message"]!.GetValue<string>(), log[0]!["Source"]!.GetValue<string>(), log[0]!["Unit"]!.GetValue<string>()));
        await AssertTextAsync(tsuru.DeleteAsync("/1.0/apps/web/lock"), HttpStatusCode.Gone, "app unlock is deprecated, this call does nothing\n");
        await AssertTextAsync(tsuru.DeleteAsync("/1.0/apps/ghost/lock"), HttpStatusCode.Gone, "app unlock is deprecated, this call does nothing\n");
        await AssertTextAsync(tsuru.PostAsync("/1.0/apps/ghost/diff", null), HttpStatusCode.Gone, "diff deploy is deprecated, this call does nothing\n");
    }

    private static async Task AssertTextAsync(Task<HttpResponseMessage> sending, HttpStatusCode status, string text)
    {
        using var response = await sending;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }
}
