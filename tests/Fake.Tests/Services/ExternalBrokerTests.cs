using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CloudFoundry.Fake.Tests.Services;

/// <summary>Instances and bindings of a registered broker: the fake speaks OSBAPI to a WireMock.Net broker.</summary>
public sealed class ExternalBrokerTests : IDisposable
{
    private const string Catalog = """
        {"services":[{"id":"svc-pg","name":"pg","description":"Postgres","bindable":true,"plan_updateable":true,
          "instances_retrievable":true,"bindings_retrievable":true,
          "plans":[{"id":"plan-s","name":"s","description":"Small"},{"id":"plan-m","name":"m","description":"Medium"}]},
         {"id":"svc-rs","name":"rs","description":"Route service","bindable":true,"requires":["route_forwarding"],
          "plans":[{"id":"plan-rs","name":"standard","description":"Forwards"}]}]}
        """;

    private readonly WireMockServer broker = WireMockServer.Start();

    public void Dispose() => broker.Stop();

    private void Answer(string method, string path, int status, string body, int delayMs = 0, string? scenario = null, string? state = null, string? next = null)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method).WithHeader("X-Broker-API-Version", "2.16");
        var given = broker.Given(request).AtPriority(path.EndsWith("/last_operation", StringComparison.Ordinal) ? 1 : 10);
        if (scenario is not null)
        {
            given = state is null ? given.InScenario(scenario).WillSetStateTo(next!) : given.InScenario(scenario).WhenStateIs(state).WillSetStateTo(next!);
        }

        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        given.RespondWith(delayMs > 0 ? response.WithDelay(delayMs) : response);
    }

    private async Task<(TestFoundation Foundation, string Space, string Small, string Medium)> RegisteredAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        Answer("GET", "/v2/catalog", 200, Catalog);
        var registered = await foundation.Admin.PostAsJsonAsync("/v3/service_brokers", new
        {
            name = "pg-broker",
            url = broker.Url,
            authentication = new { type = "basic", credentials = new { username = "u", password = "p" } },
        });
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(registered));
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("org"), "space");
        var plans = await foundation.Admin.GetAsync("/v3/service_plans?service_offering_names=pg").OkJsonAsync();
        var guids = plans["resources"]!.AsArray().ToDictionary(plan => plan!["name"]!.GetValue<string>(), plan => plan!.Guid());
        return (foundation, space, guids["s"], guids["m"]);
    }

    private static Task<HttpResponseMessage> CreateInstanceAsync(TestFoundation foundation, string space, string plan, object? parameters = null, string name = "db") =>
        foundation.Admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "managed",
            name,
            parameters,
            relationships = new { space = new { data = new { guid = space } }, service_plan = new { data = new { guid = plan } } },
        });

    /// <summary>Creates the instance <c>db</c> (the broker answers as the test scripted it) and returns its guid.</summary>
    private static async Task<string> ProvisionedAsync(TestFoundation foundation, string space, string plan, string name = "db")
    {
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await CreateInstanceAsync(foundation, space, plan, name: name)));
        return (await foundation.Admin.GetAsync($"/v3/service_instances?names={name}").OkJsonAsync())["resources"]![0]!.Guid();
    }

    private static Task<HttpResponseMessage> CreateKeyAsync(TestFoundation foundation, string instance, string name) =>
        foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "key",
            name,
            relationships = new { service_instance = new { data = new { guid = instance } } },
        });

    private IReadOnlyList<(string Method, string Path, JsonNode? Body)> BrokerRequests() =>
        [.. broker.LogEntries.Select(entry => (entry.RequestMessage.Method, entry.RequestMessage.Path, entry.RequestMessage.Body is { Length: > 0 } body ? JsonNode.Parse(body) : null))];

    [Fact]
    public async Task A_synchronous_provision_sends_the_osbapi_request_and_completes_the_job()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, """{"dashboard_url":"https://dash.example/1"}""");
        Answer("GET", "/v2/service_instances/*", 200, """{"parameters":{"size":"10GB"}}""");

        var created = await CreateInstanceAsync(foundation, space, small, new { size = "10GB" });

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(created));
        var instance = (await foundation.Admin.GetAsync("/v3/service_instances?names=db").OkJsonAsync())["resources"]![0]!;
        Assert.Equal(("create", "succeeded"), (instance["last_operation"]!["type"]!.GetValue<string>(), instance["last_operation"]!["state"]!.GetValue<string>()));
        var provision = BrokerRequests().Single(request => request.Method == "PUT");
        Assert.Equal($"/v2/service_instances/{instance.Guid()}", provision.Path);
        Assert.Equal(("svc-pg", "plan-s", space, "10GB"), (provision.Body!["service_id"]!.GetValue<string>(), provision.Body["plan_id"]!.GetValue<string>(),
            provision.Body["space_guid"]!.GetValue<string>(), provision.Body["parameters"]!["size"]!.GetValue<string>()));
        Assert.Equal(("cloudfoundry", "db"), (provision.Body["context"]!["platform"]!.GetValue<string>(), provision.Body["context"]!["instance_name"]!.GetValue<string>()));
        var identity = broker.LogEntries.First(entry => entry.RequestMessage.Method == "PUT").RequestMessage.Headers!["X-Broker-API-Originating-Identity"][0];
        Assert.StartsWith("cloudfoundry ", identity, StringComparison.Ordinal);
        var parameters = await foundation.Admin.GetAsync($"/v3/service_instances/{instance.Guid()}/parameters").OkJsonAsync();
        Assert.Equal("10GB", parameters["size"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_asynchronous_provision_polls_last_operation_when_the_client_reads_the_job()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 202, """{"operation":"op-1"}""");
        Answer("GET", "/v2/service_instances/*/last_operation", 200, """{"state":"in progress","description":"creating disks"}""", scenario: "provision", state: null, next: "almost");
        Answer("GET", "/v2/service_instances/*/last_operation", 200, """{"state":"succeeded","description":"ready"}""", scenario: "provision", state: "almost", next: "done");

        var created = await CreateInstanceAsync(foundation, space, small);

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var first = await foundation.Admin.GetAsync(created.Headers.Location).OkJsonAsync();
        Assert.Equal("POLLING", first["state"]!.GetValue<string>());
        var listed = (await foundation.Admin.GetAsync("/v3/service_instances?names=db").OkJsonAsync())["resources"]![0]!;
        Assert.Equal(("succeeded", "ready"), (listed["last_operation"]!["state"]!.GetValue<string>(), listed["last_operation"]!["description"]!.GetValue<string>()));
        var second = await foundation.Admin.GetAsync(created.Headers.Location).OkJsonAsync();
        Assert.Equal("COMPLETE", second["state"]!.GetValue<string>());
        var poll = broker.LogEntries.First(entry => entry.RequestMessage.Path.EndsWith("/last_operation", StringComparison.Ordinal)).RequestMessage;
        Assert.Equal(["op-1"], poll.Query!["operation"]);
    }

    [Fact]
    public async Task A_failed_provision_fails_the_job_keeps_the_failed_instance_and_deprovisions_the_orphan()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 500, """{"description":"out of capacity"}""");
        Answer("DELETE", "/v2/service_instances/*", 200, "{}");

        var created = await CreateInstanceAsync(foundation, space, small);

        var job = await foundation.Admin.GetAsync(created.Headers.Location).OkJsonAsync();
        Assert.Equal("FAILED", job["state"]!.GetValue<string>());
        Assert.Equal(("CF-UnableToPerform", 10009, "provision could not be completed: Service broker error: out of capacity"),
            (job["errors"]![0]!["title"]!.GetValue<string>(), job["errors"]![0]!["code"]!.GetValue<int>(), job["errors"]![0]!["detail"]!.GetValue<string>()));
        var instance = (await foundation.Admin.GetAsync("/v3/service_instances?names=db").OkJsonAsync())["resources"]![0]!;
        Assert.Equal(("failed", "Service broker error: out of capacity"), (instance["last_operation"]!["state"]!.GetValue<string>(), instance["last_operation"]!["description"]!.GetValue<string>()));
        Assert.Contains(BrokerRequests(), request => request.Method == "DELETE" && request.Path == $"/v2/service_instances/{instance.Guid()}");
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_in_time_fails_with_the_timeout_error()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}", delayMs: 12000);
        Answer("DELETE", "/v2/service_instances/*", 200, "{}");

        var created = await CreateInstanceAsync(foundation, space, small);

        var job = await foundation.Admin.GetAsync(created.Headers.Location).OkJsonAsync();
        Assert.Equal("provision could not be completed: The request to the service broker timed out", job["errors"]![0]!["detail"]!.GetValue<string>());
        Assert.Contains(BrokerRequests(), request => request.Method == "DELETE");
    }

    [Fact]
    public async Task Binding_an_app_puts_the_broker_credentials_in_VCAP_SERVICES_and_unbinding_asks_the_broker()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("PUT", "/v2/service_instances/*/service_bindings/*", 201, """{"credentials":{"uri":"postgres://u:p@db.example:5432/app"}}""");
        Answer("DELETE", "/v2/service_instances/*/service_bindings/*", 200, "{}");
        Answer("GET", "/v2/service_instances/*/service_bindings/*", 200, """{"credentials":{},"parameters":{"role":"reader"}}""");
        var instance = await ProvisionedAsync(foundation, space, small);
        var (app, _) = await foundation.StagedAppAsync(space, "web");

        var bound = await foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            parameters = new { role = "reader" },
            relationships = new { service_instance = new { data = new { guid = instance } }, app = new { data = new { guid = app } } },
        });

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(bound));
        var env = await foundation.Admin.GetAsync($"/v3/apps/{app}/env").OkJsonAsync();
        var pg = env["system_env_json"]!["VCAP_SERVICES"]!["pg"]![0]!;
        Assert.Equal("postgres://u:p@db.example:5432/app", pg["credentials"]!["uri"]!.GetValue<string>());
        var bind = BrokerRequests().Single(request => request.Method == "PUT" && request.Path.Contains("/service_bindings/", StringComparison.Ordinal));
        Assert.Equal((app, "reader"), (bind.Body!["bind_resource"]!["app_guid"]!.GetValue<string>(), bind.Body["parameters"]!["role"]!.GetValue<string>()));
        var binding = pg["binding_guid"]!.GetValue<string>();
        Assert.Equal("reader", (await foundation.Admin.GetAsync($"/v3/service_credential_bindings/{binding}/parameters").OkJsonAsync())["role"]!.GetValue<string>());

        var unbound = await foundation.Admin.DeleteAsync($"/v3/service_credential_bindings/{binding}");

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(unbound));
        Assert.Contains(BrokerRequests(), request => request.Method == "DELETE" && request.Path == $"/v2/service_instances/{instance}/service_bindings/{binding}");
        await foundation.Admin.GetAsync($"/v3/service_credential_bindings/{binding}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
    }

    [Fact]
    public async Task An_asynchronous_key_fetches_its_credentials_once_the_broker_reports_success()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("PUT", "/v2/service_instances/*/service_bindings/*", 202, """{"operation":"bind-1"}""");
        Answer("GET", "/v2/service_instances/*/service_bindings/*/last_operation", 200, """{"state":"succeeded"}""");
        Answer("GET", "/v2/service_instances/*/service_bindings/*", 200, """{"credentials":{"token":"s3cr3t"}}""");
        var instance = await ProvisionedAsync(foundation, space, small);

        var created = await CreateKeyAsync(foundation, instance, "ci-key");

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(created));
        var key = (await foundation.Admin.GetAsync("/v3/service_credential_bindings?names=ci-key").OkJsonAsync())["resources"]![0]!.Guid();
        var details = await foundation.Admin.GetAsync($"/v3/service_credential_bindings/{key}/details").OkJsonAsync();
        Assert.Equal("s3cr3t", details["credentials"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Updating_the_plan_sends_previous_values_and_moves_the_instance_when_the_broker_agrees()
    {
        var (foundation, space, small, medium) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("PATCH", "/v2/service_instances/*", 200, "{}");
        var instance = await ProvisionedAsync(foundation, space, small);

        var updated = await foundation.Admin.PatchAsJsonAsync($"/v3/service_instances/{instance}", new { relationships = new { service_plan = new { data = new { guid = medium } } } });

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(updated));
        var patch = BrokerRequests().Single(request => request.Method == "PATCH");
        Assert.Equal(("plan-m", "plan-s"), (patch.Body!["plan_id"]!.GetValue<string>(), patch.Body["previous_values"]!["plan_id"]!.GetValue<string>()));
        var read = await foundation.Admin.GetAsync($"/v3/service_instances/{instance}").OkJsonAsync();
        Assert.Equal(medium, read["relationships"]!["service_plan"]!["data"]!["guid"]!.GetValue<string>());

        broker.Given(Request.Create().WithPath("/v2/service_instances/*").UsingPatch()).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(422).WithBody("""{"error":"AsyncRequired"}"""));
        var rejected = await foundation.Admin.PatchAsJsonAsync($"/v3/service_instances/{instance}", new { parameters = new { size = "x" } });
        var job = await foundation.Admin.GetAsync(rejected.Headers.Location).OkJsonAsync();
        Assert.Equal("update could not be completed: This service plan requires client support for asynchronous service operations.", job["errors"]![0]!["detail"]!.GetValue<string>());
        Assert.Equal(medium, (await foundation.Admin.GetAsync($"/v3/service_instances/{instance}").OkJsonAsync())["relationships"]!["service_plan"]!["data"]!["guid"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_asynchronous_deprovision_removes_the_instance_when_the_broker_reports_it_gone()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("DELETE", "/v2/service_instances/*", 202, """{"operation":"del-1"}""");
        Answer("GET", "/v2/service_instances/*/last_operation", 410, "{}");
        var instance = await ProvisionedAsync(foundation, space, small);

        var deleted = await foundation.Admin.DeleteAsync($"/v3/service_instances/{instance}");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(deleted));
        await foundation.Admin.GetAsync($"/v3/service_instances/{instance}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
        Assert.Contains(BrokerRequests(), request => request.Method == "DELETE" && request.Path == $"/v2/service_instances/{instance}");
    }

    [Fact]
    public async Task Fetching_parameters_from_a_broker_that_fails_answers_the_broker_error()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("GET", "/v2/service_instances/*", 401, "{}");
        var instance = await ProvisionedAsync(foundation, space, small);

        await foundation.Admin.GetAsync($"/v3/service_instances/{instance}/parameters").AssertCfErrorAsync(HttpStatusCode.BadGateway,
            "CF-ServiceBrokerApiAuthenticationFailed", 10001, "Authentication with the service broker failed. Double-check that the username and password are correct.");
    }

    private static async Task<string> RouteAsync(TestFoundation foundation, string space, string host)
    {
        var domain = (await foundation.Admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();
        var route = await foundation.Admin.PostAsJsonAsync("/v3/routes", new { host, relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } } });
        return (await route.JsonAsync(HttpStatusCode.Created)).Guid();
    }

    private static Task<HttpResponseMessage> BindRouteAsync(TestFoundation foundation, string route, string instance) =>
        foundation.Admin.PostAsJsonAsync("/v3/service_route_bindings", new
        {
            relationships = new { route = new { data = new { guid = route } }, service_instance = new { data = new { guid = instance } } },
        });

    [Fact]
    public async Task A_route_bound_to_a_managed_route_service_gets_the_brokers_route_service_url_and_unbinding_asks_the_broker()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("PUT", "/v2/service_instances/*/service_bindings/*", 201, """{"route_service_url":"https://proxy.broker.example/r1"}""");
        Answer("DELETE", "/v2/service_instances/*/service_bindings/*", 200, "{}");
        var routeServicePlan = (await foundation.Admin.GetAsync("/v3/service_plans?service_offering_names=rs").OkJsonAsync())["resources"]![0]!.Guid();
        var routeService = await ProvisionedAsync(foundation, space, routeServicePlan, "proxy");
        var route = await RouteAsync(foundation, space, "shop");

        var bound = await BindRouteAsync(foundation, route, routeService);

        Assert.Equal(HttpStatusCode.Accepted, bound.StatusCode);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(bound));
        var binding = (await foundation.Admin.GetAsync($"/v3/service_route_bindings?route_guids={route}").OkJsonAsync())["resources"]![0]!;
        Assert.Equal(("https://proxy.broker.example/r1", "succeeded"), (binding["route_service_url"]!.GetValue<string>(), binding["last_operation"]!["state"]!.GetValue<string>()));
        var bind = BrokerRequests().Single(request => request.Method == "PUT" && request.Path.Contains("/service_bindings/", StringComparison.Ordinal));
        Assert.Equal(($"/v2/service_instances/{routeService}/service_bindings/{binding.Guid()}", "shop.apps.example.org", "plan-rs"),
            (bind.Path, bind.Body!["bind_resource"]!["route"]!.GetValue<string>(), bind.Body["plan_id"]!.GetValue<string>()));
        await BindRouteAsync(foundation, route, routeService).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-ServiceInstanceAlreadyBoundToSameRoute", 130008,
            "The route and service instance are already bound.");
        var database = await ProvisionedAsync(foundation, space, small);
        await BindRouteAsync(foundation, await RouteAsync(foundation, space, "other"), database).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008,
            "This service instance does not support route binding");

        var unbound = await foundation.Admin.DeleteAsync($"/v3/service_route_bindings/{binding.Guid()}");

        Assert.Equal(HttpStatusCode.Accepted, unbound.StatusCode);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(unbound));
        Assert.Contains(BrokerRequests(), request => request.Method == "DELETE" && request.Path == $"/v2/service_instances/{routeService}/service_bindings/{binding.Guid()}");
        await foundation.Admin.GetAsync($"/v3/service_route_bindings/{binding.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010);
    }

    [Fact]
    public async Task Deleting_an_instance_unbinds_its_app_bindings_and_keys_at_the_broker_before_deprovisioning()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("PUT", "/v2/service_instances/*/service_bindings/*", 201, """{"credentials":{"token":"t"}}""");
        Answer("DELETE", "/v2/service_instances/*", 200, "{}");
        Answer("DELETE", "/v2/service_instances/*/service_bindings/*", 200, "{}");
        var instance = await ProvisionedAsync(foundation, space, small);
        var (app, _) = await foundation.StagedAppAsync(space, "web");
        var appBinding = await foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            relationships = new { service_instance = new { data = new { guid = instance } }, app = new { data = new { guid = app } } },
        });
        var key = await CreateKeyAsync(foundation, instance, "k");
        Assert.Equal(("COMPLETE", "COMPLETE"), (await foundation.Admin.JobStateAsync(appBinding), await foundation.Admin.JobStateAsync(key)));

        var deleted = await foundation.Admin.DeleteAsync($"/v3/service_instances/{instance}");

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(deleted));
        var deletes = BrokerRequests().Where(request => request.Method == "DELETE").Select(request => request.Path).ToList();
        Assert.Equal(3, deletes.Count);
        Assert.All(deletes.Take(2), path => Assert.StartsWith($"/v2/service_instances/{instance}/service_bindings/", path, StringComparison.Ordinal));
        Assert.Equal($"/v2/service_instances/{instance}", deletes[2]);
        var left = await foundation.Admin.GetAsync($"/v3/service_credential_bindings?service_instance_guids={instance}").OkJsonAsync();
        Assert.Equal(0, left["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unbind_the_broker_refuses_stops_the_instance_deletion_and_keeps_the_instance()
    {
        var (foundation, space, small, _) = await RegisteredAsync();
        using var _ = foundation;
        Answer("PUT", "/v2/service_instances/*", 201, "{}");
        Answer("PUT", "/v2/service_instances/*/service_bindings/*", 201, """{"credentials":{}}""");
        Answer("DELETE", "/v2/service_instances/*", 200, "{}");
        Answer("DELETE", "/v2/service_instances/*/service_bindings/*", 500, """{"description":"locked"}""");
        var instance = await ProvisionedAsync(foundation, space, small);
        var key = await CreateKeyAsync(foundation, instance, "k");
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(key));

        var deleted = await foundation.Admin.DeleteAsync($"/v3/service_instances/{instance}");

        var job = await foundation.Admin.GetAsync(deleted.Headers.Location).OkJsonAsync();
        Assert.Equal(("FAILED", "delete could not be completed: Service broker error: locked"), (job["state"]!.GetValue<string>(), job["errors"]![0]!["detail"]!.GetValue<string>()));
        var kept = await foundation.Admin.GetAsync($"/v3/service_instances/{instance}").OkJsonAsync();
        Assert.Equal(("delete", "failed"), (kept["last_operation"]!["type"]!.GetValue<string>(), kept["last_operation"]!["state"]!.GetValue<string>()));
        Assert.DoesNotContain(BrokerRequests(), request => request.Method == "DELETE" && request.Path == $"/v2/service_instances/{instance}");
    }
}
