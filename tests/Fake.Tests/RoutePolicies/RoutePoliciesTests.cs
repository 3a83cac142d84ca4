using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.RoutePolicies;

public sealed class RoutePoliciesTests
{
    private static async Task<(TestFoundation Foundation, string Org, string Space, string Route)> ArrangeAsync(string scope = "any")
    {
        var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var domain = await (await foundation.Admin.PostAsJsonAsync("/v3/domains", new { name = "mtls.example.com", enforce_route_policies = true, route_policies_scope = scope })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((true, scope), (domain["enforce_route_policies"]!.GetValue<bool>(), domain["route_policies_scope"]!.GetValue<string>()));
        var route = (await (await foundation.Admin.PostAsJsonAsync("/v3/routes", new
        {
            host = "api",
            relationships = new { domain = new { data = new { guid = domain.Guid() } }, space = new { data = new { guid = space } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();
        return (foundation, org, space, route);
    }

    private static object Policy(string source, string route) => new { source, relationships = new { route = new { data = new { guid = route } } } };

    [Fact]
    public async Task Policies_are_created_listed_included_updated_and_deleted()
    {
        var (foundation, _, space, route) = await ArrangeAsync();
        using var _ = foundation;
        var (app, _) = await foundation.StagedAppAsync(space, "caller");

        var policy = await (await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy($"cf:app:{app}", route))).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(policy);
        await (await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy("cf:any", route))).JsonAsync(HttpStatusCode.Created);

        var listed = await foundation.Admin.GetAsync($"/v3/route_policies?route_guids={route}&source_guids={app}&include=source,route").OkJsonAsync();
        Assert.Equal([policy.Guid()], listed["resources"]!.AsArray().Select(item => item!.Guid()));
        Assert.Equal("caller", listed["included"]!["apps"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(route, listed["included"]!["routes"]![0]!.Guid());
        var any = await foundation.Admin.GetAsync("/v3/route_policies?sources=cf:any").OkJsonAsync();
        Assert.Equal(1, any["pagination"]!["total_results"]!.GetValue<int>());

        var labelled = await (await foundation.Admin.PatchAsJsonAsync($"/v3/route_policies/{policy.Guid()}", new { metadata = new { labels = new { team = "api" } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("api", labelled["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/route_policies/{policy.Guid()}")).StatusCode);
        await foundation.Admin.GetAsync($"/v3/route_policies/{policy.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Route policy not found");
    }

    [Fact]
    public async Task Policies_follow_the_domain_rules_and_go_with_their_route()
    {
        var (foundation, org, space, route) = await ArrangeAsync(scope: "space");
        using var _ = foundation;

        await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy("cf:app:nope", route))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Source must be in format 'cf:app:<uuid>', 'cf:space:<uuid>', 'cf:org:<uuid>', or 'cf:any'");
        await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy($"cf:org:{org}", route))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, $"Source 'cf:org:{org}' is not allowed: domain's route_policies_scope is 'space'.");
        await (await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy($"cf:space:{space}", route))).JsonAsync(HttpStatusCode.Created);
        await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy($"cf:space:{space}", route))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, $"A route policy with source 'cf:space:{space}' already exists for this route.");

        var shared = (await foundation.Admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();
        var plain = (await (await foundation.Admin.PostAsJsonAsync("/v3/routes", new
        {
            host = "web",
            relationships = new { domain = new { data = new { guid = shared } }, space = new { data = new { guid = space } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();
        await foundation.Admin.PostAsJsonAsync("/v3/route_policies", Policy("cf:any", plain))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, $"Cannot create route policies for route '{plain}': the route's domain does not have enforce_route_policies enabled.");
        await foundation.Admin.PostAsJsonAsync("/v3/domains", new { name = "bad.example.com", enforce_route_policies = true })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Route policies scope is required when enforce_route_policies is true");

        var auditor = await foundation.ClientForUserAsync("aud", ("organization_user", org), ("space_auditor", space));
        Assert.Equal(1, (await auditor.GetAsync("/v3/route_policies").OkJsonAsync())["pagination"]!["total_results"]!.GetValue<int>());
        await auditor.PostAsJsonAsync("/v3/route_policies", Policy("cf:any", route)).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);

        (await foundation.Admin.DeleteAsync($"/v3/routes/{route}")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await foundation.Admin.GetAsync("/v3/route_policies").OkJsonAsync())["pagination"]!["total_results"]!.GetValue<int>());
    }
}
