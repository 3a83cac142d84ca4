using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.UsageEvents;

public sealed class UsageEventsTests
{
    private static IEnumerable<string> States(JsonNode list) =>
        list["resources"]!.AsArray().Select(usage => usage!["state"]!["current"]!.GetValue<string>());

    [Fact]
    public async Task Starting_scaling_stopping_and_tasks_record_app_usage_events()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var (app, _) = await foundation.StagedAppAsync(space, "billed");

        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/processes/web/actions/scale", new { instances = 3 })).EnsureSuccessStatusCode();
        (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "rake db:migrate" })).EnsureSuccessStatusCode();
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/stop", null)).EnsureSuccessStatusCode();

        var events = await foundation.Admin.GetAsync("/v3/app_usage_events").OkJsonAsync();
        Assert.Equal(["STARTED", "STARTED", "TASK_STARTED", "TASK_STOPPED", "STOPPED"], States(events));
        var scaled = events["resources"]![1]!;
        Assert.Equal((3, 1), (scaled["instance_count"]!["current"]!.GetValue<int>(), scaled["instance_count"]!["previous"]!.GetValue<int>()));
        Assert.Equal(("billed", "web", "s1", org), (scaled["app"]!["name"]!.GetValue<string>(), scaled["process"]!["type"]!.GetValue<string>(), scaled["space"]!["name"]!.GetValue<string>(), scaled["organization"]!["guid"]!.GetValue<string>()));
        JsonSnapshot.Match(scaled);

        var after = await foundation.Admin.GetAsync($"/v3/app_usage_events?after_guid={scaled.Guid()}").OkJsonAsync();
        Assert.Equal(["TASK_STARTED", "TASK_STOPPED", "STOPPED"], States(after));
        await foundation.Admin.GetAsync("/v3/app_usage_events?after_guid=nope").AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005);
    }

    [Fact]
    public async Task Service_instances_record_service_usage_events()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var instance = await (await foundation.Admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "user-provided",
            name = "db",
            relationships = new { space = new { data = new { guid = space } } },
        })).JsonAsync(HttpStatusCode.Created);
        (await foundation.Admin.PatchAsJsonAsync($"/v3/service_instances/{instance.Guid()}", new { name = "database" })).EnsureSuccessStatusCode();
        (await foundation.Admin.DeleteAsync($"/v3/service_instances/{instance.Guid()}")).EnsureSuccessStatusCode();

        var events = await foundation.Admin.GetAsync("/v3/service_usage_events?service_instance_types=user_provided_service_instance").OkJsonAsync();

        Assert.Equal(["CREATED", "UPDATED", "DELETED"], events["resources"]!.AsArray().Select(usage => usage!["state"]!.GetValue<string>()));
        Assert.Equal("database", events["resources"]![2]!["service_instance"]!["name"]!.GetValue<string>());
        var single = await foundation.Admin.GetAsync($"/v3/service_usage_events/{events["resources"]![0]!.Guid()}").OkJsonAsync();
        Assert.Equal("user_provided_service_instance", single["service_instance"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_global_readers_see_usage_events_and_only_admins_reseed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var (app, _) = await foundation.StagedAppAsync(space, "billed");
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));
        var first = (await foundation.Admin.GetAsync("/v3/app_usage_events").OkJsonAsync())["resources"]![0]!.Guid();

        Assert.Empty((await developer.GetAsync("/v3/app_usage_events").OkJsonAsync())["resources"]!.AsArray());
        await developer.GetAsync($"/v3/app_usage_events/{first}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "App usage event not found");
        await developer.PostAsync("/v3/app_usage_events/actions/destructively_purge_all_and_reseed", null).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);

        Assert.Equal(HttpStatusCode.OK, (await foundation.Admin.PostAsync("/v3/app_usage_events/actions/destructively_purge_all_and_reseed", null)).StatusCode);
        var reseeded = await foundation.Admin.GetAsync("/v3/app_usage_events").OkJsonAsync();
        Assert.Equal(["STARTED"], States(reseeded));
        Assert.NotEqual(first, reseeded["resources"]![0]!.Guid());
    }
}
