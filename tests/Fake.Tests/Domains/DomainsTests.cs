using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Domains;

public sealed class DomainsTests
{
    [Fact]
    public async Task Seeded_shared_domains_are_listed_and_the_org_default_is_the_shared_http_one()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");

        var domains = await foundation.Admin.GetAsync("/v3/domains").OkJsonAsync();
        Assert.Equal(["apps.example.org", "apps.internal", "tcp.apps.example.org"], domains["resources"]!.AsArray().Select(domain => domain!["name"]!.GetValue<string>()));
        var defaultDomain = await foundation.Admin.GetAsync($"/v3/organizations/{org}/domains/default").OkJsonAsync();
        JsonSnapshot.Match(defaultDomain);
    }

    [Fact]
    public async Task Private_domains_are_created_shared_unshared_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var other = await foundation.OrgAsync("o2");

        var domain = await (await foundation.Admin.PostAsJsonAsync("/v3/domains", new
        {
            name = "private.example.com",
            relationships = new { organization = new { data = new { guid = org } } },
        })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(domain);
        await foundation.Admin.PostAsJsonAsync("/v3/domains", new { name = "private.example.com" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "The domain name \"private.example.com\" is already in use");

        var shared = await (await foundation.Admin.PostAsJsonAsync($"/v3/domains/{domain.Guid()}/relationships/shared_organizations", new { data = new[] { new { guid = other } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(other, shared["data"]![0]!.Guid());
        var otherDomains = await foundation.Admin.GetAsync($"/v3/organizations/{other}/domains?names=private.example.com").OkJsonAsync();
        Assert.Equal(1, otherDomains["pagination"]!["total_results"]!.GetValue<int>());
        await foundation.Admin.DeleteAsync($"/v3/domains/{domain.Guid()}")
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "This domain is shared with other organizations. Unshare before deleting.");

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/domains/{domain.Guid()}/relationships/shared_organizations/{other}")).StatusCode);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/domains/{domain.Guid()}")));
        await foundation.Admin.GetAsync($"/v3/domains/{domain.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Domain not found");
    }

    [Fact]
    public async Task Domain_validation_and_permissions()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var manager = await foundation.ClientForUserAsync("boss", ("organization_manager", org));

        await foundation.Admin.PostAsJsonAsync("/v3/domains", new { name = "nodot" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Name must contain at least one \".\"");
        await manager.PostAsJsonAsync("/v3/domains", new { name = "shared.example.com" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        (await manager.PostAsJsonAsync("/v3/domains", new { name = "mine.example.com", relationships = new { organization = new { data = new { guid = org } } } })).EnsureSuccessStatusCode();
        await manager.PostAsJsonAsync("/v3/domains", new { name = "x.example.com", relationships = new { organization = new { data = new { guid = "nope" } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Organization with guid 'nope' does not exist or you do not have access to it.");
        await foundation.Admin.PostAsJsonAsync("/v3/domains", new { name = "i.example.com", @internal = true, relationships = new { organization = new { data = new { guid = org } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Cannot associate an internal domain with an organization");
    }
}
