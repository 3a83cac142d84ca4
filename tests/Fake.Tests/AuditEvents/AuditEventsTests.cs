using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.AuditEvents;

public sealed class AuditEventsTests
{
    [Fact]
    public async Task Writes_are_audited_with_actor_target_space_and_redacted_request()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var (app, _) = await foundation.StagedAppAsync(space, "audited");
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new { SECRET = "x" } })).EnsureSuccessStatusCode();
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();

        var events = await foundation.Admin.GetAsync($"/v3/audit_events?target_guids={app}&order_by=-created_at").OkJsonAsync();

        var types = events["resources"]!.AsArray().Select(audit => audit!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["audit.app.start", "audit.app.update", "audit.app.droplet.mapped", "audit.app.build.create", "audit.app.package.create", "audit.app.create"], types);
        var update = events["resources"]![1]!;
        Assert.Equal("[PRIVATE DATA HIDDEN]", update["data"]!["request"]!["environment_variables"]!.GetValue<string>());
        Assert.Equal(("audited", "app", space, org), (update["target"]!["name"]!.GetValue<string>(), update["target"]!["type"]!.GetValue<string>(), update["space"]!["guid"]!.GetValue<string>(), update["organization"]!["guid"]!.GetValue<string>()));
        Assert.Equal(("user", "admin"), (update["actor"]!["type"]!.GetValue<string>(), update["actor"]!["name"]!.GetValue<string>()));
        var single = await foundation.Admin.GetAsync($"/v3/audit_events/{update.Guid()}").OkJsonAsync();
        JsonSnapshot.Match(single);
        var spaceEvents = await foundation.Admin.GetAsync($"/v3/audit_events?types=audit.space.create&space_guids={space}").OkJsonAsync();
        Assert.Equal(1, spaceEvents["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deletions_keep_the_target_name_and_failed_writes_are_not_audited()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "gone");
        await foundation.Admin.PostAsJsonAsync("/v3/spaces", new { name = "gone", relationships = new { organization = new { data = new { guid = org } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);

        (await foundation.Admin.DeleteAsync($"/v3/spaces/{space}")).EnsureSuccessStatusCode();

        var events = await foundation.Admin.GetAsync($"/v3/audit_events?organization_guids={org}&types=audit.space.create,audit.space.delete-request").OkJsonAsync();
        Assert.Equal(2, events["pagination"]!["total_results"]!.GetValue<int>());
        Assert.All(events["resources"]!.AsArray(), audit => Assert.Equal("gone", audit!["target"]!["name"]!.GetValue<string>()));
        var others = await foundation.Admin.GetAsync($"/v3/audit_events?organization_guids={org}&target_guids[not]={space}").OkJsonAsync();
        Assert.DoesNotContain(others["resources"]!.AsArray(), audit => audit!["target"]!["guid"]!.GetValue<string>() == space);
    }

    [Fact]
    public async Task Users_see_events_of_spaces_they_can_read_only()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var mine = await foundation.SpaceAsync(org, "mine");
        await foundation.SpaceAsync(org, "theirs");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", mine));

        var visible = await developer.GetAsync("/v3/audit_events?types=audit.space.create").OkJsonAsync();

        Assert.Equal([mine], visible["resources"]!.AsArray().Select(audit => audit!["target"]!["guid"]!.GetValue<string>()));
        await developer.GetAsync("/v3/audit_events/00000000-0000-4000-8000-000000000000").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Event not found");
        await foundation.Admin.GetAsync("/v3/audit_events?target_guid=x").AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005);
    }
}
