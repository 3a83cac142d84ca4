using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Services;

/// <summary>The OSBAPI broker the fake serves at <c>/_fake/broker</c> for <c>cf create-service-broker</c>.</summary>
public sealed class SampleBrokerTests
{
    private static HttpClient Broker(string? authorization = "broker:broker")
    {
        var client = FakeApp.Factory.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, "/_fake/broker/");
        client.DefaultRequestHeaders.Add("X-Broker-API-Version", "2.16");
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(authorization)));
        }

        return client;
    }

    [Fact]
    public async Task The_catalog_needs_basic_auth_and_offers_a_sync_and_an_async_plan()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Broker(null).GetAsync("v2/catalog")).StatusCode);

        var catalog = await Broker().GetAsync("v2/catalog").OkJsonAsync();

        var service = catalog["services"]![0]!;
        Assert.Equal("sample-db", service["name"]!.GetValue<string>());
        Assert.Equal(["basic", "async"], service["plans"]!.AsArray().Select(plan => plan!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Instances_and_bindings_answer_as_an_osbapi_broker_does()
    {
        var broker = Broker();
        var instance = Guid.NewGuid().ToString();

        var provisioned = await broker.PutAsJsonAsync($"v2/service_instances/{instance}", new { service_id = "sample-db-service", plan_id = "sample-db-async", parameters = new { size = "s" } });

        Assert.Equal(HttpStatusCode.Accepted, provisioned.StatusCode);
        var states = new List<string>();
        for (var poll = 0; poll < 2; poll++)
        {
            states.Add((await broker.GetAsync($"v2/service_instances/{instance}/last_operation").OkJsonAsync())["state"]!.GetValue<string>());
        }

        Assert.Equal(["in progress", "succeeded"], states);
        Assert.Equal("s", (await broker.GetAsync($"v2/service_instances/{instance}").OkJsonAsync())["parameters"]!["size"]!.GetValue<string>());
        var bound = await broker.PutAsJsonAsync($"v2/service_instances/{instance}/service_bindings/binding-1", new { service_id = "sample-db-service", plan_id = "sample-db-basic" });
        var credentials = (await bound.JsonAsync(HttpStatusCode.Created))["credentials"]!;
        Assert.Equal("binding-", credentials["username"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await broker.DeleteAsync($"v2/service_instances/{instance}/service_bindings/binding-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await broker.DeleteAsync($"v2/service_instances/{instance}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await broker.DeleteAsync($"v2/service_instances/{instance}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await broker.GetAsync($"v2/service_instances/{instance}")).StatusCode);
    }
}
