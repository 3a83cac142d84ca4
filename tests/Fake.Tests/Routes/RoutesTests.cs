using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Routes;

public sealed class RoutesTests
{
    private static async Task<(TestFoundation Foundation, string Org, string Space, string Domain)> ArrangeAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var domains = await foundation.Admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync();
        return (foundation, org, space, domains["resources"]![0]!.Guid());
    }

    private static object RouteBody(string space, string domain, string? host = null, string? path = null, int? port = null) => new
    {
        host,
        path,
        port,
        relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } },
    };

    [Fact]
    public async Task Routes_are_created_filtered_included_updated_and_deleted()
    {
        var (foundation, org, space, domain) = await ArrangeAsync();
        using var _ = foundation;

        var route = await (await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "h1", "/p"))).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(route);
        (await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "h2"))).EnsureSuccessStatusCode();

        var byHost = await foundation.Admin.GetAsync($"/v3/routes?domain_guids={domain}&hosts=h2&paths=").OkJsonAsync();
        Assert.Equal(["h2"], byHost["resources"]!.AsArray().Select(item => item!["host"]!.GetValue<string>()));
        var included = await foundation.Admin.GetAsync($"/v3/routes?organization_guids={org}&include=domain,space.organization").OkJsonAsync();
        Assert.Equal(2, included["pagination"]!["total_results"]!.GetValue<int>());
        Assert.Equal("o1", included["included"]!["organizations"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("apps.example.org", included["included"]!["domains"]![0]!["name"]!.GetValue<string>());

        var updated = await (await foundation.Admin.PatchAsJsonAsync($"/v3/routes/{route.Guid()}", new { options = new { loadbalancing = "least-connection" } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("least-connection", updated["options"]!["loadbalancing"]!.GetValue<string>());
        var reservation = await foundation.Admin.GetAsync($"/v3/domains/{domain}/route_reservations?host=h1&path=/p").OkJsonAsync();
        Assert.True(reservation["matching_route"]!.GetValue<bool>());

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/routes/{route.Guid()}")));
        await foundation.Admin.GetAsync($"/v3/routes/{route.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Route not found");
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/spaces/{space}/routes?unmapped=true")));
        var remaining = await foundation.Admin.GetAsync("/v3/routes").OkJsonAsync();
        Assert.Equal(0, remaining["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, null, "Missing host. Routes in shared domains must have a host defined.")]
    [InlineData("bad host", null, "Host must be either \"*\" or contain only alphanumeric characters, \"_\", or \"-\"")]
    [InlineData("h", "nope", "Path must begin with /")]
    [InlineData("h", "/", "Path cannot be exactly /")]
    public async Task Invalid_routes_are_rejected_with_cloud_controller_texts(string? host, string? path, string detail)
    {
        var (foundation, _, space, domain) = await ArrangeAsync();
        using var _ = foundation;

        await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, host, path))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, detail);
    }

    [Fact]
    public async Task Duplicates_tcp_rules_and_roles()
    {
        var (foundation, org, space, domain) = await ArrangeAsync();
        using var _ = foundation;
        (await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "dup"))).EnsureSuccessStatusCode();

        await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "dup"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Route already exists with host 'dup' for domain 'apps.example.org'.");
        var tcp = (await foundation.Admin.GetAsync("/v3/domains?names=tcp.apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();
        var tcpRoute = await (await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, tcp))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("tcp", tcpRoute["protocol"]!.GetValue<string>());
        Assert.Equal(1024, tcpRoute["port"]!.GetValue<int>());
        await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, tcp, "h"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Hosts are not supported for TCP routes.");
        await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "p", port: 8080))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Routes with protocol 'http' do not support ports.");

        var auditor = await foundation.ClientForUserAsync("aud", ("organization_user", org), ("space_auditor", space));
        await auditor.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "a")).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));
        (await developer.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "d"))).EnsureSuccessStatusCode();
        await developer.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "*"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "You do not have sufficient permissions to create a route with a wildcard host on a domain not scoped to an organization.");
    }

    [Fact]
    public async Task Destinations_need_existing_apps_and_sharing_needs_its_feature_flag()
    {
        var (foundation, org, space, domain) = await ArrangeAsync();
        using var _ = foundation;
        var route = await (await foundation.Admin.PostAsJsonAsync("/v3/routes", RouteBody(space, domain, "h"))).JsonAsync(HttpStatusCode.Created);

        var destinations = await foundation.Admin.GetAsync($"/v3/routes/{route.Guid()}/destinations").OkJsonAsync();
        Assert.Empty(destinations["destinations"]!.AsArray());
        await foundation.Admin.PostAsJsonAsync($"/v3/routes/{route.Guid()}/destinations", new { destinations = new[] { new { app = new { guid = "ghost" } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "App(s) with guid(s) \"ghost\" do not exist.");
        await foundation.Admin.PostAsJsonAsync($"/v3/routes/{route.Guid()}/destinations", new { destinations = Array.Empty<object>() })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Destinations must be an array containing between 1 and 100 destination objects.");
        await foundation.Admin.DeleteAsync($"/v3/routes/{route.Guid()}/destinations/nope")
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Unable to unmap route from destination. Ensure the route has a destination with this guid.");

        var other = await foundation.SpaceAsync(org, "s2");
        await foundation.Admin.PostAsJsonAsync($"/v3/routes/{route.Guid()}/relationships/shared_spaces", new { data = new[] { new { guid = other } } })
            .AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-FeatureDisabled", 330002, "Feature Disabled: route_sharing");
        (await foundation.Admin.PatchAsJsonAsync("/v3/feature_flags/route_sharing", new { enabled = true })).EnsureSuccessStatusCode();
        var shared = await (await foundation.Admin.PostAsJsonAsync($"/v3/routes/{route.Guid()}/relationships/shared_spaces", new { data = new[] { new { guid = other } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(other, shared["data"]![0]!.Guid());
        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.PatchAsJsonAsync($"/v3/routes/{route.Guid()}/relationships/space", new { data = new { guid = other } })).StatusCode);
        var moved = await foundation.Admin.GetAsync($"/v3/routes/{route.Guid()}").OkJsonAsync();
        Assert.Equal(other, moved["relationships"]!["space"]!["data"]!.Guid());
    }
}
