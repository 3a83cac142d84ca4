using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Organizations;

public sealed class OrganizationsTests
{
    [Fact]
    public async Task Create_returns_201_with_the_organization_shape()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var response = await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "my-org", metadata = new { labels = new { env = "dev" } } });

        var org = await response.JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(org);
    }

    [Fact]
    public async Task Get_list_update_and_delete_an_organization()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var created = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "o1" })).JsonAsync(HttpStatusCode.Created);
        var guid = created.Guid();

        var fetched = await foundation.Admin.GetAsync($"/v3/organizations/{guid}").OkJsonAsync();
        Assert.Equal("o1", fetched["name"]!.GetValue<string>());

        var patched = await (await foundation.Admin.PatchAsJsonAsync($"/v3/organizations/{guid}", new { name = "o2", suspended = true, metadata = new { annotations = new { note = "x" } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("o2", patched["name"]!.GetValue<string>());
        Assert.True(patched["suspended"]!.GetValue<bool>());
        Assert.Equal("x", patched["metadata"]!["annotations"]!["note"]!.GetValue<string>());

        var list = await foundation.Admin.GetAsync("/v3/organizations?names=o2").OkJsonAsync();
        Assert.Equal(1, list["pagination"]!["total_results"]!.GetValue<int>());

        var delete = await foundation.Admin.DeleteAsync($"/v3/organizations/{guid}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var job = await foundation.Admin.GetAsync(delete.Headers.Location).OkJsonAsync();
        Assert.Equal("COMPLETE", job["state"]!.GetValue<string>());
        Assert.Equal("organization.delete", job["operation"]!.GetValue<string>());

        await foundation.Admin.GetAsync($"/v3/organizations/{guid}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Organization not found");
    }

    [Fact]
    public async Task Duplicate_names_are_rejected_with_the_message_the_cf_cli_parses()
    {
        using var foundation = await TestFoundation.CreateAsync();
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "dup" });

        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "dup" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Organization 'dup' already exists.");
    }

    [Fact]
    public async Task Invalid_bodies_get_the_real_validation_messages()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.PostAsync("/v3/organizations", TestFoundation.Json("{}"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Name can't be blank");
        await foundation.Admin.PostAsync("/v3/organizations", TestFoundation.Json("""{"name": 5, "color": "red"}"""))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Unknown field(s): 'color', Name must be a string");
        await foundation.Admin.PostAsync("/v3/organizations", TestFoundation.Json("{\"name\":"))
            .AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-MessageParseError", 1001, "Request invalid due to parse error: invalid request body");
        await foundation.Admin.PostAsync("/v3/organizations", TestFoundation.Json("""{"name": "x", "metadata": {"labels": {"cloudfoundry.org/x": "y"}}}"""))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Metadata label key error: prefix 'cloudfoundry.org' is reserved");
    }

    [Fact]
    public async Task Non_admins_see_only_their_organizations_and_cannot_create_by_default()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var mine = (await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "mine" })).JsonAsync(HttpStatusCode.Created)).Guid();
        var other = (await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "other" })).JsonAsync(HttpStatusCode.Created)).Guid();
        var user = await foundation.ClientForUserAsync("alice", ("organization_auditor", mine));

        var list = await user.GetAsync("/v3/organizations").OkJsonAsync();
        Assert.Equal(["mine"], list["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));
        await user.GetAsync($"/v3/organizations/{other}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
        await user.PatchAsJsonAsync($"/v3/organizations/{mine}", new { name = "x" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await user.PostAsJsonAsync("/v3/organizations", new { name = "new" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await user.DeleteAsync($"/v3/organizations/{mine}").AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }

    [Fact]
    public async Task Org_manager_may_update_but_only_admin_may_suspend()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var guid = (await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "managed" })).JsonAsync(HttpStatusCode.Created)).Guid();
        var manager = await foundation.ClientForUserAsync("manager", ("organization_manager", guid));

        var renamed = await (await manager.PatchAsJsonAsync($"/v3/organizations/{guid}", new { name = "renamed" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("renamed", renamed["name"]!.GetValue<string>());
        await manager.PatchAsJsonAsync($"/v3/organizations/{guid}", new { suspended = true }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }
}
