using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.SecurityGroups;

public sealed class SecurityGroupsTests
{
    [Fact]
    public async Task Groups_are_created_bound_to_spaces_and_listed_per_space()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");

        var group = await (await foundation.Admin.PostAsJsonAsync("/v3/security_groups", new
        {
            name = "db",
            rules = new object[] { new { protocol = "tcp", destination = "10.0.0.0/8", ports = "5432", description = "postgres" } },
        })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(group);
        await foundation.Admin.PostAsJsonAsync("/v3/security_groups", new { name = "bad", rules = new object[] { new { protocol = "tcp", destination = "10.0.0.1" } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Rules[0]: ports are required for protocols of type TCP and UDP");

        (await foundation.Admin.PostAsJsonAsync($"/v3/security_groups/{group.Guid()}/relationships/running_spaces", new { data = new[] { new { guid = space } } })).EnsureSuccessStatusCode();
        var running = await foundation.Admin.GetAsync($"/v3/spaces/{space}/running_security_groups").OkJsonAsync();
        Assert.Equal(["public_networks", "dns", "db"], running["resources"]!.AsArray().Select(item => item!["name"]!.GetValue<string>()));
        var staging = await foundation.Admin.GetAsync($"/v3/spaces/{space}/staging_security_groups").OkJsonAsync();
        Assert.Equal(2, staging["pagination"]!["total_results"]!.GetValue<int>());

        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));
        await developer.DeleteAsync($"/v3/security_groups/{group.Guid()}/relationships/running_spaces/{space}").AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/security_groups/{group.Guid()}/relationships/running_spaces/{space}")).StatusCode);
        var global = await (await foundation.Admin.PatchAsJsonAsync($"/v3/security_groups/{group.Guid()}", new { globally_enabled = new { staging = true } })).JsonAsync(HttpStatusCode.OK);
        Assert.True(global["globally_enabled"]!["staging"]!.GetValue<bool>());
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/security_groups/{group.Guid()}")));
    }
}
