using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruAppVersionsTests
{
    private static async Task<(TestFoundation Foundation, HttpClient Tsuru)> DeployedTwiceAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/web:1")))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps/web/repository/clone", Form(("image", "tsuru/web:2")))).EnsureSuccessStatusCode();
        return (foundation, tsuru);
    }

    [Fact]
    public async Task Deleting_a_version_streams_progress_and_it_can_no_longer_be_used()
    {
        var (foundation, tsuru) = await DeployedTwiceAsync();
        using var _ = foundation;

        var messages = await StreamAsync(tsuru.DeleteAsync("/1.10/apps/web/versions/1"));

        Assert.Equal(["\n ---> Deleting version 1 of app web\n", "---- Done removing application version 1.\n"], messages.Select(message => message["Message"]!.GetValue<string>()));
        var again = await StreamAsync(tsuru.DeleteAsync("/1.10/apps/web/versions/1"));
        Assert.Equal("Invalid version: 1", again[^1]["Error"]!.GetValue<string>());
        await TextAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "tsuru/web:1"))), HttpStatusCode.BadRequest, "invalid version: \"tsuru/web:1\"\n");
        await TextAsync(tsuru.DeleteAsync("/1.10/apps/nope/versions/1"), HttpStatusCode.NotFound, "App nope not found.\n");
    }

    [Fact]
    public async Task Rollback_to_an_image_can_be_disabled_with_a_reason_and_enabled_again()
    {
        var (foundation, tsuru) = await DeployedTwiceAsync();
        using var _ = foundation;

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.4/apps/web/deploy/rollback/update", Form(("image", "tsuru/web:1"), ("disable", "true"), ("reason", "broken")))).StatusCode);

        var deploys = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/deploys?app=web"))!.AsArray();
        Assert.False(deploys.Single(deploy => deploy!["Image"]!.GetValue<string>() == "tsuru/web:1")!["CanRollback"]!.GetValue<bool>());
        await TextAsync(tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "tsuru/web:1"))), HttpStatusCode.BadRequest, "the selected version is disabled for rollback: broken\n");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.4/apps/web/deploy/rollback/update", Form(("image", "v1"), ("disable", "false")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.0/apps/web/deploy/rollback", Form(("image", "tsuru/web:1")))).StatusCode);

        await TextAsync(tsuru.PutAsync("/1.4/apps/web/deploy/rollback/update", Form(("disable", "true"))), HttpStatusCode.BadRequest, "you must specify an image\n");
        await TextAsync(tsuru.PutAsync("/1.4/apps/web/deploy/rollback/update", Form(("image", "tsuru/web:1"), ("disable", "maybe"))), HttpStatusCode.BadRequest, "Cannot set 'disable' status to: 'maybe', instead of 'true' or 'false'\n");
        await TextAsync(tsuru.PutAsync("/1.4/apps/web/deploy/rollback/update", Form(("image", "tsuru/web:1"), ("disable", "true"))), HttpStatusCode.BadRequest, "Reason cannot be empty while disabling a image rollback\n");
        await TextAsync(tsuru.PutAsync("/1.4/apps/web/deploy/rollback/update", Form(("image", "tsuru/web:9"), ("disable", "false"))), HttpStatusCode.BadRequest, "Invalid version: tsuru/web:9\n");
    }

    [Fact]
    public async Task Routable_is_set_on_a_deployed_version()
    {
        var (foundation, tsuru) = await DeployedTwiceAsync();
        using var _ = foundation;

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.8/apps/web/routable", Json("""{"version":"2","isRoutable":false}"""))).StatusCode);
        await TextAsync(tsuru.PostAsync("/1.8/apps/web/routable", Json("""{"version":"7","isRoutable":true}""")), HttpStatusCode.BadRequest, "Invalid version: 7\n");
    }

    [Fact]
    public async Task Rebuild_deploys_the_latest_image_again_as_a_stream()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        await TextAsync(tsuru.PostAsync("/1.3/apps/web/deploy/rebuild", Form(("origin", "rebuild"))), HttpStatusCode.BadRequest, "no versions available for app\n");
        (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/web:1")))).EnsureSuccessStatusCode();

        var messages = await StreamAsync(tsuru.PostAsync("/1.3/apps/web/deploy/rebuild", Form(("origin", "rebuild"))));

        Assert.Equal("OK\n", messages[^1]["Message"]!.GetValue<string>());
        var deploys = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/deploys?app=web"))!.AsArray();
        Assert.Equal(("rebuild", "tsuru/web:1"), (deploys[0]!["Origin"]!.GetValue<string>(), deploys[0]!["Image"]!.GetValue<string>()));
        await TextAsync(tsuru.PostAsync("/1.3/apps/web/deploy/rebuild", Form()), HttpStatusCode.BadRequest, "Invalid deployment origin\n");
    }
}
