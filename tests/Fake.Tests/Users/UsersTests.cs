using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Users;

public sealed class UsersTests
{
    [Fact]
    public async Task Users_are_created_listed_filtered_updated_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var created = await (await foundation.Admin.PostAsJsonAsync("/v3/users", new { guid = "u-1" })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(created);
        await foundation.Admin.PostAsJsonAsync("/v3/users", new { guid = "u-1" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "User with guid 'u-1' already exists.");
        var ldap = await (await foundation.Admin.PostAsJsonAsync("/v3/users", new { username = "lee", origin = "ldap" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("ldap", ldap["origin"]!.GetValue<string>());
        await foundation.Admin.PostAsJsonAsync("/v3/users", new { username = "x", origin = "uaa" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Origin cannot be 'uaa' when creating a user by username");
        await foundation.Admin.PostAsJsonAsync("/v3/users", new { })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Guid or 'username' and 'origin' must be provided");

        var byName = await foundation.Admin.GetAsync("/v3/users?usernames=lee&origins=ldap").OkJsonAsync();
        Assert.Equal(ldap.Guid(), byName["resources"]![0]!.Guid());
        var partial = await foundation.Admin.GetAsync("/v3/users?partial_usernames=adm").OkJsonAsync();
        Assert.Equal("admin", partial["resources"]![0]!["username"]!.GetValue<string>());

        var labelled = await (await foundation.Admin.PatchAsJsonAsync("/v3/users/u-1", new { metadata = new { labels = new { team = "a" } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("a", labelled["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync("/v3/users/u-1")));
        await foundation.Admin.GetAsync("/v3/users/u-1").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "User not found");
    }

    [Fact]
    public async Task Organization_and_space_members_and_visibility()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var dev = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));
        await foundation.ClientForUserAsync("stranger");

        var orgMembers = await foundation.Admin.GetAsync($"/v3/organizations/{org}/users").OkJsonAsync();
        Assert.Equal(["dev"], orgMembers["resources"]!.AsArray().Select(user => user!["username"]!.GetValue<string>()));
        var spaceMembers = await dev.GetAsync($"/v3/spaces/{space}/users").OkJsonAsync();
        Assert.Equal(["dev"], spaceMembers["resources"]!.AsArray().Select(user => user!["username"]!.GetValue<string>()));
        var visible = await dev.GetAsync("/v3/users").OkJsonAsync();
        Assert.DoesNotContain("stranger", visible["resources"]!.AsArray().Select(user => user!["username"]!.GetValue<string>()));
        await dev.PostAsJsonAsync("/v3/users", new { guid = "x" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }
}
