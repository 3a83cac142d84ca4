using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CloudFoundry.Fake.Tests.Services;

/// <summary>Brokers registered against a WireMock.Net broker serving an OSBAPI catalog.</summary>
public sealed class ServiceBrokersTests : IDisposable
{
    private const string Catalog = """
        {"services":[{"id":"svc-mongo","name":"mongo","description":"Documents","bindable":true,"tags":["nosql"],
          "plans":[{"id":"plan-tiny","name":"tiny","description":"Tiny","free":true},{"id":"plan-huge","name":"huge","description":"Huge","free":false}]}]}
        """;

    private readonly WireMockServer broker = WireMockServer.Start();

    public void Dispose() => broker.Stop();

    private void ServeCatalog(string body, int status = 200) =>
        broker.Given(Request.Create().WithPath("/v2/catalog").UsingGet().WithHeader("X-Broker-API-Version", "2.16"))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private object Registration(string name) => new
    {
        name,
        url = broker.Url,
        authentication = new { type = "basic", credentials = new { username = "broker-user", password = "broker-secret" } },
    };

    [Fact]
    public async Task Registering_fetches_the_catalog_and_creates_offerings_and_plans()
    {
        using var foundation = await TestFoundation.CreateAsync();
        ServeCatalog(Catalog);

        var registered = await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", Registration("mongo-broker"));

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(registered));
        var request = Assert.Single(broker.LogEntries);
        Assert.StartsWith("Basic ", request.RequestMessage.Headers!["Authorization"][0], StringComparison.Ordinal);
        var brokers = await foundation.Admin.GetAsync("/v3/service_brokers?names=mongo-broker").OkJsonAsync();
        var brokerGuid = brokers["resources"]![0]!.Guid();
        var plans = await foundation.Admin.GetAsync($"/v3/service_plans?service_broker_guids={brokerGuid}").OkJsonAsync();
        Assert.Equal(["tiny", "huge"], plans["resources"]!.AsArray().Select(plan => plan!["name"]!.GetValue<string>()));
        Assert.Equal("admin", plans["resources"]![0]!["visibility_type"]!.GetValue<string>());

        await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", Registration("mongo-broker"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Name must be unique");
        var renamed = await foundation.Admin.PatchAsJsonAsync($"/v3/service_brokers/{brokerGuid}", new { metadata = new { labels = new { team = "data" } } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var removed = await foundation.Admin.DeleteAsync($"/v3/service_brokers/{brokerGuid}");
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(removed));
        Assert.Equal(0, (await foundation.Admin.GetAsync($"/v3/service_plans?service_broker_guids={brokerGuid}").OkJsonAsync())["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task Broker_failures_fail_the_job_with_the_real_errors()
    {
        using var foundation = await TestFoundation.CreateAsync();
        ServeCatalog("""{"services":[{"id":"x","name":"x","description":"no plans","plans":[]}]}""");

        var invalid = await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", Registration("planless"));

        var job = await foundation.Admin.GetAsync(invalid.Headers.Location).OkJsonAsync();
        Assert.Equal(("FAILED", "CF-ServiceBrokerCatalogInvalid"), (job["state"]!.GetValue<string>(), job["errors"]![0]!["title"]!.GetValue<string>()));
        broker.Reset();
        ServeCatalog("oops", status: 500);
        var rejected = await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", Registration("broken"));
        var rejectedJob = await foundation.Admin.GetAsync(rejected.Headers.Location).OkJsonAsync();
        Assert.Equal("The service broker rejected the request. Status Code: 500. Please check that the URL points to a valid service broker.", rejectedJob["errors"]![0]!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registration_input_and_roles_are_checked()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");

        await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", new { name = "b", url = "not a url", authentication = new { type = "basic", credentials = new { username = "u", password = "p" } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Url must be a valid url");
        await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", new { name = "b", url = "https://x.example.com", authentication = new { type = "oauth" } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);
        var manager = await foundation.ClientForUserAsync("boss", ("organization_manager", org));
        await manager.PostAsJsonAsync("/v3/service_brokers", Registration("mine")).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await foundation.Admin.DeleteAsync("/v3/service_brokers/00000000-0000-4000-8000-000000000000").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Service broker not found");
    }

    [Fact]
    public async Task Space_scoped_brokers_and_admin_only_plans_are_seen_only_by_who_may_use_them()
    {
        using var foundation = await TestFoundation.CreateAsync();
        ServeCatalog(Catalog);
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "dev");
        var other = await foundation.SpaceAsync(org, "other");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));
        var outsider = await foundation.ClientForUserAsync("out", ("organization_user", org), ("space_developer", other));

        var global = await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", Registration("global-broker"));
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(global));
        Assert.Empty((await developer.GetAsync("/v3/service_plans?service_offering_names=mongo").OkJsonAsync())["resources"]!.AsArray());
        var scoped = await developer.PostAsJsonAsync("/v3/service_brokers", new
        {
            name = "team-broker",
            url = broker.Url,
            authentication = new { type = "basic", credentials = new { username = "u", password = "p" } },
            relationships = new { space = new { data = new { guid = space } } },
        });

        Assert.Equal("COMPLETE", await developer.JobStateAsync(scoped));
        var seen = await developer.GetAsync("/v3/service_plans?service_offering_names=mongo").OkJsonAsync();
        Assert.Equal(["space", "space"], seen["resources"]!.AsArray().Select(plan => plan!["visibility_type"]!.GetValue<string>()));
        Assert.Equal(["team-broker"], (await developer.GetAsync("/v3/service_brokers").OkJsonAsync())["resources"]!.AsArray().Select(item => item!["name"]!.GetValue<string>()));
        Assert.Empty((await outsider.GetAsync("/v3/service_plans?service_offering_names=mongo").OkJsonAsync())["resources"]!.AsArray());
        Assert.Empty((await outsider.GetAsync("/v3/service_brokers").OkJsonAsync())["resources"]!.AsArray());
        var plan = seen["resources"]![0]!.Guid();
        await outsider.GetAsync($"/v3/service_plans/{plan}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
        await outsider.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "managed",
            name = "db",
            relationships = new { space = new { data = new { guid = other } }, service_plan = new { data = new { guid = plan } } },
        }).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.");
        Assert.Equal(4, (await foundation.Admin.GetAsync("/v3/service_plans?service_offering_names=mongo").OkJsonAsync())["pagination"]!["total_results"]!.GetValue<int>());
    }
}
