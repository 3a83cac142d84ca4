using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Spaces;

public sealed class SpacesTests
{
    [Fact]
    public async Task Create_get_with_include_list_update_and_delete()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");

        var created = await (await foundation.Admin.PostAsJsonAsync("/v3/spaces", new
        {
            name = "s1",
            relationships = new { organization = new { data = new { guid = org } } },
        })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(created);

        var withOrg = await foundation.Admin.GetAsync($"/v3/spaces/{created.Guid()}?include=organization").OkJsonAsync();
        Assert.Equal("o1", withOrg["included"]!["organizations"]![0]!["name"]!.GetValue<string>());

        var list = await foundation.Admin.GetAsync($"/v3/spaces?organization_guids={org}&names=s1&include=organization").OkJsonAsync();
        Assert.Equal(1, list["pagination"]!["total_results"]!.GetValue<int>());
        Assert.Single(list["included"]!["organizations"]!.AsArray());

        var renamed = await (await foundation.Admin.PatchAsJsonAsync($"/v3/spaces/{created.Guid()}", new { name = "s2" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("s2", renamed["name"]!.GetValue<string>());

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/spaces/{created.Guid()}")));
        await foundation.Admin.GetAsync($"/v3/spaces/{created.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Space not found");
    }

    [Fact]
    public async Task Validation_errors_use_cloud_controller_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        await foundation.SpaceAsync(org, "taken");

        await foundation.Admin.PostAsJsonAsync("/v3/spaces", new { name = "x" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Relationships 'relationships' is not an object");
        await foundation.Admin.PostAsJsonAsync("/v3/spaces", new { name = "x", relationships = new { organization = new { data = new { guid = "nope" } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Invalid organization. Ensure the organization exists and you have access to it.");
        await foundation.Admin.PostAsJsonAsync("/v3/spaces", new { name = "taken", relationships = new { organization = new { data = new { guid = org } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Name must be unique per organization");
        await foundation.Admin.PostAsJsonAsync("/v3/spaces", new { relationships = new { organization = new { guid = org } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008,
                "Name can't be blank, Relationships Organization must be structured like this: \"organization: {\"data\": {\"guid\": \"valid-guid\"}}\"");
    }

    [Fact]
    public async Task Deleting_an_organization_deletes_its_spaces_and_roles()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/organizations/{org}")));

        await foundation.Admin.GetAsync($"/v3/spaces/{space}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
        var roles = await foundation.Admin.GetAsync($"/v3/roles?organization_guids={org}").OkJsonAsync();
        Assert.Equal(0, roles["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task Space_roles_decide_visibility_and_writes()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var mine = await foundation.SpaceAsync(org, "mine");
        var other = await foundation.SpaceAsync(org, "other");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", mine));
        var manager = await foundation.ClientForUserAsync("mgr", ("organization_user", org), ("space_manager", mine));
        var orgManager = await foundation.ClientForUserAsync("boss", ("organization_manager", org));

        var visible = await developer.GetAsync("/v3/spaces").OkJsonAsync();
        Assert.Equal(["mine"], visible["resources"]!.AsArray().Select(space => space!["name"]!.GetValue<string>()));
        await developer.GetAsync($"/v3/spaces/{other}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
        await developer.PatchAsJsonAsync($"/v3/spaces/{mine}", new { name = "x" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        (await manager.PatchAsJsonAsync($"/v3/spaces/{mine}", new { name = "renamed" })).EnsureSuccessStatusCode();
        await manager.DeleteAsync($"/v3/spaces/{mine}").AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await developer.PostAsJsonAsync("/v3/spaces", new { name = "new", relationships = new { organization = new { data = new { guid = org } } } })
            .AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        var all = await orgManager.GetAsync("/v3/spaces").OkJsonAsync();
        Assert.Equal(2, all["pagination"]!["total_results"]!.GetValue<int>());
        (await orgManager.PostAsJsonAsync("/v3/spaces", new { name = "new", relationships = new { organization = new { data = new { guid = org } } } })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Ssh_feature_and_isolation_segment_relationship()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");

        var features = await foundation.Admin.GetAsync($"/v3/spaces/{space}/features").OkJsonAsync();
        Assert.True(features["resources"]![0]!["enabled"]!.GetValue<bool>());
        var disabled = await (await foundation.Admin.PatchAsJsonAsync($"/v3/spaces/{space}/features/ssh", new { enabled = false })).JsonAsync(HttpStatusCode.OK);
        Assert.False(disabled["enabled"]!.GetValue<bool>());
        await foundation.Admin.GetAsync($"/v3/spaces/{space}/features/warp").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Feature not found");

        var segment = await foundation.Admin.GetAsync($"/v3/spaces/{space}/relationships/isolation_segment").OkJsonAsync();
        Assert.Null(segment["data"]);
        await foundation.Admin.PatchAsJsonAsync($"/v3/spaces/{space}/relationships/isolation_segment", new { data = new { guid = "unknown" } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008,
                "Unable to assign isolation segment with guid 'unknown'. Ensure it has been entitled to the organization that this space belongs to.");
        var usage = await foundation.Admin.GetAsync($"/v3/spaces/{space}/usage_summary").OkJsonAsync();
        Assert.Equal(0, usage["usage_summary"]!["started_instances"]!.GetValue<int>());
    }
}
