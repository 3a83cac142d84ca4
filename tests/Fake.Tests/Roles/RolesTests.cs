using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Roles;

public sealed class RolesTests
{
    private static object OrgRole(string type, string org, object user) =>
        new { type, relationships = new { user = new { data = user }, organization = new { data = new { guid = org } } } };

    private static object SpaceRole(string type, string space, object user) =>
        new { type, relationships = new { user = new { data = user }, space = new { data = new { guid = space } } } };

    [Fact]
    public async Task Roles_by_username_and_origin_as_the_cf_cli_sends_them()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        await foundation.ClientForUserAsync("bob");
        var byName = new { username = "bob", origin = "uaa" };

        var orgRole = await (await foundation.Admin.PostAsJsonAsync("/v3/roles", OrgRole("organization_user", org, byName))).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(orgRole);
        await foundation.Admin.PostAsJsonAsync("/v3/roles", OrgRole("organization_user", org, byName))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "User 'bob' already has 'organization_user' role in organization 'o1'.");
        (await foundation.Admin.PostAsJsonAsync("/v3/roles", SpaceRole("space_developer", space, byName))).EnsureSuccessStatusCode();

        var listed = await foundation.Admin.GetAsync($"/v3/roles?include=user&organization_guids={org}").OkJsonAsync();
        Assert.Equal("bob", listed["included"]!["users"]![0]!["username"]!.GetValue<string>());
        var spaceRoles = await foundation.Admin.GetAsync($"/v3/roles?space_guids={space}&types=space_developer&include=space,organization").OkJsonAsync();
        Assert.Equal(1, spaceRoles["pagination"]!["total_results"]!.GetValue<int>());
        Assert.Equal("s1", spaceRoles["included"]!["spaces"]![0]!["name"]!.GetValue<string>());

        await foundation.Admin.DeleteAsync($"/v3/roles/{orgRole.Guid()}")
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Cannot delete organization_user role while user has roles in spaces in that organization.");
    }

    [Fact]
    public async Task Invalid_role_requests()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var userGuid = (await (await foundation.Admin.PostAsJsonAsync("/v3/users", new { guid = "some-user" })).JsonAsync(HttpStatusCode.Created)).Guid();

        await foundation.Admin.PostAsJsonAsync("/v3/roles", SpaceRole("space_developer", space, new { guid = userGuid }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Users cannot be assigned roles in a space if they do not have a role in that space's organization.");
        await foundation.Admin.PostAsJsonAsync("/v3/roles", OrgRole("organization_user", org, new { username = "ghost" }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "No user exists with the username 'ghost'.");
        await foundation.Admin.PostAsJsonAsync("/v3/roles", OrgRole("organization_user", "missing", new { guid = userGuid }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Invalid organization. Ensure that the organization exists and you have access to it.");
        await foundation.Admin.PostAsJsonAsync("/v3/roles", OrgRole("space_developer", org, new { guid = userGuid }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Relationships Organization cannot be provided with the space role type: 'space_developer'.");
        await foundation.Admin.PostAsJsonAsync("/v3/roles", OrgRole("boss", org, new { guid = userGuid }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);
    }

    [Fact]
    public async Task Managers_manage_roles_within_their_scope_only()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var otherOrg = await foundation.OrgAsync("o2");
        var space = await foundation.SpaceAsync(org, "s1");
        var orgManager = await foundation.ClientForUserAsync("boss", ("organization_manager", org));
        var auditor = await foundation.ClientForUserAsync("aud", ("organization_auditor", org));
        await foundation.ClientForUserAsync("carol");

        (await orgManager.PostAsJsonAsync("/v3/roles", OrgRole("organization_user", org, new { username = "carol" }))).EnsureSuccessStatusCode();
        var spaceRole = await (await orgManager.PostAsJsonAsync("/v3/roles", SpaceRole("space_auditor", space, new { username = "carol" }))).JsonAsync(HttpStatusCode.Created);
        await auditor.PostAsJsonAsync("/v3/roles", OrgRole("organization_auditor", org, new { username = "carol" }))
            .AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await orgManager.PostAsJsonAsync("/v3/roles", OrgRole("organization_user", otherOrg, new { username = "carol" }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);

        Assert.Equal("COMPLETE", await orgManager.JobStateAsync(await orgManager.DeleteAsync($"/v3/roles/{spaceRole.Guid()}")));
        await auditor.GetAsync($"/v3/roles/{spaceRole.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Role not found");
    }
}
