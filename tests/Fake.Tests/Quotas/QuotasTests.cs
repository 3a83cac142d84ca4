using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Quotas;

public sealed class QuotasTests
{
    [Fact]
    public async Task Organization_quotas_are_created_applied_and_enforced_on_routes()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");

        var quota = await (await foundation.Admin.PostAsJsonAsync("/v3/organization_quotas", new
        {
            name = "tiny",
            apps = new { total_memory_in_mb = 512, per_app_tasks = (int?)null },
            routes = new { total_routes = 1 },
            relationships = new { organizations = new { data = new[] { new { guid = org } } } },
        })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(quota);
        await foundation.Admin.PostAsJsonAsync("/v3/organization_quotas", new { name = "tiny" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Organization Quota 'tiny' already exists.");
        await foundation.Admin.PostAsJsonAsync("/v3/organization_quotas", new { name = "bad", apps = new { total_memory_in_mb = -5 } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Apps Total memory in mb must be greater than or equal to 0");

        var domain = (await foundation.Admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();
        object Route(string host) => new { host, relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } } };
        (await foundation.Admin.PostAsJsonAsync("/v3/routes", Route("one"))).EnsureSuccessStatusCode();
        await foundation.Admin.PostAsJsonAsync("/v3/routes", Route("two"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Routes quota exceeded for organization 'o1'.");

        var patched = await (await foundation.Admin.PatchAsJsonAsync($"/v3/organization_quotas/{quota.Guid()}", new { routes = new { total_routes = (int?)null } })).JsonAsync(HttpStatusCode.OK);
        Assert.Null(patched["routes"]!["total_routes"]);
        Assert.Equal(512, patched["apps"]!["total_memory_in_mb"]!.GetValue<int>());
        await foundation.Admin.DeleteAsync($"/v3/organization_quotas/{quota.Guid()}")
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "This quota is applied to one or more organizations. Apply different quotas to those organizations before deleting.");
        var auditor = await foundation.ClientForUserAsync("aud", ("organization_auditor", org));
        var visible = await auditor.GetAsync("/v3/organization_quotas").OkJsonAsync();
        Assert.Equal(["tiny"], visible["resources"]!.AsArray().Select(item => item!["name"]!.GetValue<string>()));
        await auditor.PostAsJsonAsync("/v3/organization_quotas", new { name = "mine" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }

    [Fact]
    public async Task Space_quotas_belong_to_an_org_and_apply_to_its_spaces()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var other = await foundation.OrgAsync("o2");
        var space = await foundation.SpaceAsync(org, "s1");
        var foreign = await foundation.SpaceAsync(other, "x");
        var manager = await foundation.ClientForUserAsync("boss", ("organization_manager", org));

        var quota = await (await manager.PostAsJsonAsync("/v3/space_quotas", new
        {
            name = "small",
            services = new { total_service_instances = 2 },
            relationships = new { organization = new { data = new { guid = org } } },
        })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(quota);

        var applied = await (await manager.PostAsJsonAsync($"/v3/space_quotas/{quota.Guid()}/relationships/spaces", new { data = new[] { new { guid = space } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(space, applied["data"]![0]!.Guid());
        var spaceJson = await foundation.Admin.GetAsync($"/v3/spaces/{space}").OkJsonAsync();
        Assert.Equal(quota.Guid(), spaceJson["relationships"]!["quota"]!["data"]!.Guid());
        await foundation.Admin.PostAsJsonAsync($"/v3/space_quotas/{quota.Guid()}/relationships/spaces", new { data = new[] { new { guid = foreign } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Space quotas cannot be applied outside of their owning organization.");

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/v3/space_quotas/{quota.Guid()}/relationships/spaces/{space}")).StatusCode);
        Assert.Equal("COMPLETE", await manager.JobStateAsync(await manager.DeleteAsync($"/v3/space_quotas/{quota.Guid()}")));
        await manager.GetAsync($"/v3/space_quotas/{quota.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Space quota not found");
    }
}
