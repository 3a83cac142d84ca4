using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;
using CloudFoundry.Fake.Fixtures;

namespace CloudFoundry.Fake.Conformance.Tests.Specs;

/// <summary>The fake's real responses, success and error, validate against the documents in <c>specs/</c>.</summary>
public sealed class FakeAgainstSpecTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    private static readonly SpecDocument V2 = SpecDocument.BuiltIn("cloudfoundry-v2-apps");
    private static readonly SpecDocument V3 = SpecDocument.BuiltIn("cloudfoundry-v3");

    [Fact]
    public void The_seed_example_of_the_V2_apps_list_validates()
    {
        var list = V2.Find("GET", "/v2/apps")!;
        var example = list.Operation["responses"]!["200"]!["content"]!["application/json"]!["example"];

        Assert.NotNull(example);
        Assert.Empty(V2.ValidateResponse(list, 200, example));
    }

    [Fact]
    public async Task Every_V2_apps_response_of_the_fake_validates()
    {
        using var foundation = fake.CreateFoundation();
        var http = foundation.Api;
        var space = await CreateSpaceAsync(http);
        var (target, checks) = Recording(http);
        async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null) =>
            (await target.SendAsync(method.Method, path, body is null ? null : JsonSerializer.Serialize(body))).Body;

        await SendAsync(HttpMethod.Get, "/v2/info");
        var created = await SendAsync(HttpMethod.Post, "/v2/apps", new { name = "v2-app", space_guid = space, memory = 256 });
        var app = created!["metadata"]!["guid"]!.GetValue<string>();
        foreach (var path in new[] { "/v2/apps", "/v2/apps?inline-relations-depth=2&q=name:v2-app", $"/v2/apps/{app}", $"/v2/apps/{app}/summary", $"/v2/apps/{app}/env", $"/v2/apps/{app}/routes", $"/v2/apps/{app}/service_bindings" })
        {
            await SendAsync(HttpMethod.Get, path);
        }

        await SendAsync(HttpMethod.Put, $"/v2/apps/{app}", new { instances = 2 });
        await SendAsync(HttpMethod.Get, $"/v2/apps/{app}/stats");
        await SendAsync(HttpMethod.Get, "/v2/apps?q=bogus:1");
        await SendAsync(HttpMethod.Get, "/v2/apps/00000000-0000-0000-0000-000000000000");
        await SendAsync(HttpMethod.Post, "/v2/apps", new { name = "v2-app", space_guid = space });
        await SendAsync(HttpMethod.Delete, $"/v2/apps/{app}");

        AssertConform(V2, checks);
        Assert.Contains(checks, check => check.Status == 404);
        Assert.Contains(checks, check => check.Status == 400);
    }

    [Fact]
    public async Task Every_V2_organization_space_stack_and_shared_domain_response_of_the_fake_validates()
    {
        using var foundation = fake.CreateFoundation();
        var http = foundation.Api;
        var space = await CreateSpaceAsync(http);
        using var created = await http.PostAsJsonAsync("/v2/apps", new { name = "v2-app", space_guid = space });
        var (target, checks) = Recording(http);
        async Task<JsonNode?> GetAsync(string path) => (await target.SendAsync("GET", path, null)).Body;

        var org = (await GetAsync($"/v2/spaces/{space}"))!["entity"]!["organization_guid"]!.GetValue<string>();
        var stack = (await GetAsync("/v2/stacks"))!["resources"]![0]!["metadata"]!["guid"]!.GetValue<string>();
        var domain = (await GetAsync("/v2/shared_domains"))!["resources"]![0]!["metadata"]!["guid"]!.GetValue<string>();
        foreach (var path in new[]
        {
            "/v2/organizations", $"/v2/organizations/{org}", $"/v2/organizations/{org}/spaces?inline-relations-depth=1", "/v2/spaces?order-by=name",
            $"/v2/spaces/{space}/apps?inline-relations-depth=2", $"/v2/stacks/{stack}", $"/v2/shared_domains/{domain}",
            "/v2/organizations/00000000-0000-0000-0000-000000000000", "/v2/spaces?q=bogus:1", "/v2/stacks?order-by=name",
        })
        {
            await GetAsync(path);
        }

        AssertConform(V2, checks);
        Assert.Contains(checks, check => check.Status == 404);
        Assert.Contains(checks, check => check.Status == 400);
    }

    [Fact]
    public async Task V3_errors_of_the_fake_validate_against_the_error_envelope()
    {
        using var foundation = fake.CreateFoundation();
        var (admin, checks) = Recording(foundation.Api);
        var (anonymous, anonymousChecks) = Recording(foundation.Anonymous);
        await admin.SendAsync("GET", "/v3/apps/00000000-0000-0000-0000-000000000000");
        await admin.SendAsync("GET", "/v3/apps?per_page=0");
        await admin.SendAsync("POST", "/v3/organizations", """{"nmae":"x"}""");
        await anonymous.SendAsync("GET", "/v3/spaces");
        checks.AddRange(anonymousChecks);

        AssertConform(V3, checks);
        Assert.Equal([404, 400, 422, 401], checks.Select(check => check.Status));
    }

    [Fact]
    public async Task Route_policy_and_audit_event_responses_of_the_fake_validate()
    {
        using var foundation = fake.CreateFoundation();
        var http = foundation.Api;
        var space = await CreateSpaceAsync(http);
        var (target, checks) = Recording(http);
        async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null) =>
            (await target.SendAsync(method.Method, path, body is null ? null : JsonSerializer.Serialize(body))).Body;

        var domain = (await SendAsync(HttpMethod.Post, "/v3/domains", new { name = "mtls.spec.example.com", enforce_route_policies = true, route_policies_scope = "any" }))!["guid"]!.GetValue<string>();
        var route = (await SendAsync(HttpMethod.Post, "/v3/routes", new { host = "api", relationships = new { domain = new { data = new { guid = domain } }, space = new { data = new { guid = space } } } }))!["guid"]!.GetValue<string>();
        var policy = (await SendAsync(HttpMethod.Post, "/v3/route_policies", new { source = $"cf:space:{space}", relationships = new { route = new { data = new { guid = route } } } }))!["guid"]!.GetValue<string>();
        await SendAsync(HttpMethod.Get, "/v3/route_policies?include=route");
        await SendAsync(HttpMethod.Get, $"/v3/route_policies/{policy}");
        await SendAsync(HttpMethod.Patch, $"/v3/route_policies/{policy}", new { metadata = new { labels = new { team = "api" } } });
        await SendAsync(HttpMethod.Post, "/v3/route_policies", new { source = "cf:app:nope", relationships = new { route = new { data = new { guid = route } } } });
        await SendAsync(HttpMethod.Delete, $"/v3/route_policies/{policy}");
        var events = await SendAsync(HttpMethod.Get, $"/v3/audit_events?space_guids={space}&order_by=-created_at");
        await SendAsync(HttpMethod.Get, $"/v3/audit_events/{events!["resources"]![0]!["guid"]!.GetValue<string>()}");
        await SendAsync(HttpMethod.Get, "/v3/audit_events/00000000-0000-0000-0000-000000000000");

        AssertConform(V3, checks.Where(check => check.Path.Contains("route_policies", StringComparison.Ordinal) || check.Path.Contains("audit_events", StringComparison.Ordinal)).ToList());
        Assert.Contains(checks, check => check.Status == 422);
        Assert.Contains(checks, check => check.Status == 404);
    }

    /// <summary>A client for the target whose every exchange is kept for validation.</summary>
    private static (TargetClient Target, List<Exchange> Exchanges) Recording(HttpClient http)
    {
        var exchanges = new List<Exchange>();
        var target = new TargetClient(http, null);
        target.Exchanged += exchanges.Add;
        return (target, exchanges);
    }

    private static void AssertConform(SpecDocument spec, List<Exchange> checks)
    {
        var problems = checks.SelectMany(check =>
        {
            var operation = spec.Find(check.Method, check.Path);
            return operation is null
                ? [$"{check.Method} {check.Path}: not in {spec.Name}"]
                : spec.ValidateResponse(operation, check.Status, check.Body).Select(problem => $"{check.Method} {check.Path} {check.Status}: {problem}");
        }).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<string> CreateSpaceAsync(HttpClient http)
    {
        using var org = await http.PostAsJsonAsync("/v3/organizations", new { name = "spec-org" });
        var orgGuid = (await org.Content.ReadFromJsonAsync<JsonObject>())!["guid"]!.GetValue<string>();
        using var space = await http.PostAsJsonAsync("/v3/spaces", new { name = "spec-space", relationships = new { organization = new { data = new { guid = orgGuid } } } });
        return (await space.Content.ReadFromJsonAsync<JsonObject>())!["guid"]!.GetValue<string>();
    }
}
