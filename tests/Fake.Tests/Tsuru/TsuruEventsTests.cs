using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruEventsTests
{
    [Fact]
    public async Task State_changes_record_events_that_are_listed_filtered_and_shown()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/1.1/events")).StatusCode);
        await admin.PostAsync("/teams", Form(("name", "devs")));
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "devs")));

        var events = (await JsonAsync(await admin.GetAsync("/1.1/events"))).AsArray();
        Assert.Equal(["app.create", "team.create"], events.Select(evt => evt!["Kind"]!["Name"]!.GetValue<string>()));
        var created = events[0]!;
        Assert.Matches("^[0-9a-f]{24}$", created["UniqueID"]!.GetValue<string>());
        Assert.Equal(created["UniqueID"]!.GetValue<string>(), created["ID"]!["ObjId"]!.GetValue<string>());
        Assert.Equal("app", created["Target"]!["Type"]!.GetValue<string>());
        Assert.Equal("web", created["Target"]!["Value"]!.GetValue<string>());
        Assert.Equal("permission", created["Kind"]!["Type"]!.GetValue<string>());
        Assert.Equal("user", created["Owner"]!["Type"]!.GetValue<string>());
        Assert.Equal("admin@example.com", created["Owner"]!["Name"]!.GetValue<string>());
        Assert.False(created["Running"]!.GetValue<bool>());
        Assert.Equal(string.Empty, created["Error"]!.GetValue<string>());
        Assert.EndsWith("Z", created["StartTime"]!.GetValue<string>(), StringComparison.Ordinal);

        var byKind = (await JsonAsync(await admin.GetAsync("/1.1/events?kindname=team.create"))).AsArray();
        Assert.Equal("devs", byKind.Single()!["Target"]!["Value"]!.GetValue<string>());
        var byTarget = (await JsonAsync(await admin.GetAsync("/events?target.type=app&target.value=web"))).AsArray();
        Assert.Equal("app.create", byTarget.Single()!["Kind"]!["Name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/events?running=true")).StatusCode);
        Assert.Single((await JsonAsync(await admin.GetAsync("/events?limit=1"))).AsArray());
        Assert.Equal(2, (await JsonAsync(await admin.GetAsync("/events?kindname=team.create&kindname=app.create"))).AsArray().Count);

        var info = await JsonAsync(await admin.GetAsync($"/1.1/events/{created["UniqueID"]!.GetValue<string>()}"));
        Assert.Equal("app.create", info["Kind"]!["Name"]!.GetValue<string>());
        await AssertErrorAsync(await admin.GetAsync("/events/nothex"), HttpStatusCode.BadRequest, "uuid parameter is not ObjectId: nothex");
        await AssertErrorAsync(await admin.GetAsync("/events/0123456789abcdef01234567"), HttpStatusCode.NotFound, "event not found");

        await admin.PostAsync("/apps/web/env", Form(("Envs.0.Name", "FOO"), ("Envs.0.Value", "bar")));
        await admin.PutAsync("/apps/web/units", Form(("units", "1")));
        await admin.PostAsync("/apps/web/stop", null);
        var appEvents = (await JsonAsync(await admin.GetAsync("/events?target.type=app&target.value=web"))).AsArray();
        Assert.Equal(["app.update.stop", "app.update.unit.add", "app.update.env.set", "app.create"], appEvents.Select(evt => evt!["Kind"]!["Name"]!.GetValue<string>()));

        var kinds = (await JsonAsync(await admin.GetAsync("/1.1/events/kinds"))).AsArray();
        Assert.Equal(["app.create", "app.update.env.set", "app.update.stop", "app.update.unit.add", "team.create"], kinds.Select(kind => kind!["Name"]!.GetValue<string>()));
        Assert.Equal("permission", kinds[0]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deploys_are_running_events_that_can_be_canceled()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin")));
        (await foundation.Anonymous.PutAsync($"/_fake/foundations/{foundation.Id}/lifecycles/tsuru_deploy/policy", TestFoundation.Json("{\"mode\":\"manual\"}"))).EnsureSuccessStatusCode();
        var deploy = await admin.PostAsync("/apps/web/deploy", Form(("image", "nginx:1")));
        var id = deploy.Headers.GetValues("X-Tsuru-Eventid").Single();

        var evt = await JsonAsync(await admin.GetAsync($"/1.1/events/{id}"));
        Assert.Equal("app.deploy", evt["Kind"]!["Name"]!.GetValue<string>());
        Assert.True(evt["Running"]!.GetValue<bool>());
        Assert.True(evt["Cancelable"]!.GetValue<bool>());
        Assert.Equal("0001-01-01T00:00:00Z", evt["EndTime"]!.GetValue<string>());
        Assert.Equal(id, (await JsonAsync(await admin.GetAsync("/events?running=true"))).AsArray().Single()!["UniqueID"]!.GetValue<string>());
        await AssertErrorAsync(await admin.PostAsync($"/1.1/events/{id}/cancel", Form(("reason", ""))), HttpStatusCode.BadRequest, "reason is mandatory");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/1.1/events/{id}/cancel", Form(("reason", "wrong image")))).StatusCode);
        var canceled = await JsonAsync(await admin.GetAsync($"/events/{id}"));
        Assert.True(canceled["CancelInfo"]!["Asked"]!.GetValue<bool>());
        Assert.Equal("wrong image", canceled["CancelInfo"]!["Reason"]!.GetValue<string>());
        Assert.Equal("admin@example.com", canceled["CancelInfo"]!["Owner"]!.GetValue<string>());
        await AssertErrorAsync(await admin.PostAsync($"/events/{id}/cancel", Form(("reason", "again"))), HttpStatusCode.BadRequest, "event cancel already requested");

        (await foundation.Anonymous.PostAsync($"/_fake/foundations/{foundation.Id}/lifecycles/tsuru_deploy/step", TestFoundation.Json("{}"))).EnsureSuccessStatusCode();
        var ended = await JsonAsync(await admin.GetAsync($"/events/{id}"));
        Assert.False(ended["Running"]!.GetValue<bool>());
        Assert.Equal("\n---- ERROR during deploy: ----\ncontext canceled\n", ended["Error"]!.GetValue<string>());
        Assert.True(ended["CancelInfo"]!["Canceled"]!.GetValue<bool>());
        Assert.NotEqual("0001-01-01T00:00:00Z", ended["CancelInfo"]!["AckTime"]!.GetValue<string>());
        var deployed = await JsonAsync(await admin.GetAsync($"/1.0/deploys/{id}"));
        Assert.Equal(("\n---- ERROR during deploy: ----\ncontext canceled\n", false), (deployed["Error"]!.GetValue<string>(), deployed["CanRollback"]!.GetValue<bool>()));
        Assert.Empty((await JsonAsync(await admin.GetAsync("/1.0/apps/web")))["units"]!.AsArray());

        var created = (await JsonAsync(await admin.GetAsync("/events?kindname=app.create"))).AsArray().Single()!["UniqueID"]!.GetValue<string>();
        await AssertErrorAsync(await admin.PostAsync($"/events/{created}/cancel", Form(("reason", "x"))), HttpStatusCode.BadRequest, "event is not cancelable");
    }

    [Fact]
    public async Task A_deploy_held_and_not_canceled_ends_without_error_and_acknowledges_no_cancel()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin")));
        (await foundation.Anonymous.PutAsync($"/_fake/foundations/{foundation.Id}/lifecycles/tsuru_deploy/policy", TestFoundation.Json("{\"mode\":\"manual\"}"))).EnsureSuccessStatusCode();
        var id = (await admin.PostAsync("/apps/web/deploy", Form(("image", "nginx:1")))).Headers.GetValues("X-Tsuru-Eventid").Single();

        (await foundation.Anonymous.PostAsync($"/_fake/foundations/{foundation.Id}/lifecycles/tsuru_deploy/step", TestFoundation.Json("{}"))).EnsureSuccessStatusCode();

        var ended = await JsonAsync(await admin.GetAsync($"/events/{id}"));
        Assert.Equal((false, string.Empty, false), (ended["Running"]!.GetValue<bool>(), ended["Error"]!.GetValue<string>(), ended["CancelInfo"]!["Canceled"]!.GetValue<bool>()));
        Assert.Single((await JsonAsync(await admin.GetAsync("/1.0/apps/web")))["units"]!.AsArray());
    }

    [Fact]
    public async Task Users_only_see_events_of_what_they_can_see()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/apps", Form(("name", "secret"), ("teamOwner", "admin")));
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await bob.PostAsync("/teams", Form(("name", "bobs")));

        var visible = (await JsonAsync(await bob.GetAsync("/events"))).AsArray();
        Assert.Equal(["team.create", "user.create"], visible.Select(evt => evt!["Kind"]!["Name"]!.GetValue<string>()).Order());
        var hidden = (await JsonAsync(await admin.GetAsync("/events?kindname=app.create"))).AsArray().Single()!["UniqueID"]!.GetValue<string>();
        await AssertErrorAsync(await bob.GetAsync($"/events/{hidden}"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
    }

    [Fact]
    public async Task Event_blocks_are_added_listed_and_removed_by_admins()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/1.3/events/blocks")).StatusCode);

        await AssertErrorAsync(await admin.PostAsync("/1.3/events/blocks", Form(("kindName", "app.deploy"))), HttpStatusCode.BadRequest, "reason is required");
        await AssertErrorAsync(await bob.PostAsync("/1.3/events/blocks", Form(("reason", "x"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.3/events/blocks", Form(("kindName", "app.deploy"), ("target.type", "app"), ("target.value", "web"), ("reason", "freeze")))).StatusCode);
        var block = (await JsonAsync(await admin.GetAsync("/1.3/events/blocks"))).AsArray().Single()!;
        Assert.Equal("app.deploy", block["KindName"]!.GetValue<string>());
        Assert.Equal("web", block["Target"]!["Value"]!.GetValue<string>());
        Assert.Equal("freeze", block["Reason"]!.GetValue<string>());
        Assert.True(block["Active"]!.GetValue<bool>());
        var id = block["ID"]!.GetValue<string>();

        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin")));
        await AssertErrorAsync(await admin.PostAsync("/apps/web/deploy", Form(("image", "nginx:1"))), HttpStatusCode.Conflict, "error running \"app.deploy\" on app(web): block app.deploy by all users on app(web): freeze");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/events?kindname=app.deploy")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/1.3/events/blocks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/apps/web/deploy", Form(("image", "nginx:1")))).StatusCode);
        await AssertErrorAsync(await admin.DeleteAsync($"/events/blocks/{id}"), HttpStatusCode.NotFound, $"active event block with id {id} not found");
        await AssertErrorAsync(await admin.DeleteAsync("/events/blocks/zzz"), HttpStatusCode.BadRequest, "uuid parameter is not ObjectId: zzz");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/events/blocks?active=true")).StatusCode);
        Assert.False((await JsonAsync(await admin.GetAsync("/events/blocks?active=false")))[0]!["Active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Event_webhooks_are_stored_per_team()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/1.6/events/webhooks")).StatusCode);

        var hook = TestFoundation.Json("{\"name\":\"notify\",\"team_owner\":\"admin\",\"url\":\"https://hooks.example.org/x\",\"event_filter\":{\"kind_names\":[\"app.deploy\"],\"error_only\":true},\"headers\":{\"X-Token\":\"abc\"}}");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.6/events/webhooks", hook)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/events/webhooks", Form(("name", "notify"), ("team_owner", "admin")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/events/webhooks", Form(("name", "Bad Name"), ("team_owner", "admin"))), HttpStatusCode.BadRequest, "Invalid webhook name, webhook name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");

        var stored = await JsonAsync(await admin.GetAsync("/1.6/events/webhooks/notify"));
        Assert.Equal("https://hooks.example.org/x", stored["url"]!.GetValue<string>());
        Assert.Equal("app.deploy", stored["event_filter"]!["kind_names"]![0]!.GetValue<string>());
        Assert.True(stored["event_filter"]!["error_only"]!.GetValue<bool>());
        Assert.Equal("abc", stored["headers"]!["X-Token"]![0]!.GetValue<string>());
        Assert.Single((await JsonAsync(await admin.GetAsync("/events/webhooks"))).AsArray());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.6/events/webhooks/notify", Form(("team_owner", "admin"), ("url", "https://hooks.example.org/y")))).StatusCode);
        Assert.Equal("https://hooks.example.org/y", (await JsonAsync(await admin.GetAsync("/events/webhooks/notify")))["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/events/webhooks/ghost", Form(("team_owner", "admin")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.6/events/webhooks/notify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/events/webhooks/notify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/events/webhooks/notify")).StatusCode);
    }
}
