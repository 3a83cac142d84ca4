using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Services;

public sealed class UserProvidedServicesTests
{
    private static readonly string[] Tags = ["sql"];

    [Fact]
    public async Task User_provided_instances_bind_to_apps_and_routes_and_show_in_vcap_services()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();

        var instance = await (await foundation.Admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "user-provided",
            name = "db",
            credentials = new { uri = "postgres://x" },
            route_service_url = "https://proxy.example.com",
            tags = Tags,
            relationships = new { space = new { data = new { guid = space } } },
        })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(instance);
        var credentials = await foundation.Admin.GetAsync($"/v3/service_instances/{instance.Guid()}/credentials").OkJsonAsync();
        Assert.Equal("postgres://x", credentials["uri"]!.GetValue<string>());
        await foundation.Admin.PostAsJsonAsync("/v3/service_instances", new { type = "user-provided", name = "db", relationships = new { space = new { data = new { guid = space } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "The service instance name is taken: db.");

        var binding = await (await foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            relationships = new { app = new { data = new { guid = app } }, service_instance = new { data = new { guid = instance.Guid() } } },
        })).JsonAsync(HttpStatusCode.Created);
        await foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            relationships = new { app = new { data = new { guid = app } }, service_instance = new { data = new { guid = instance.Guid() } } },
        }).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "The app is already bound to the service instance.");
        var env = await foundation.Admin.GetAsync($"/v3/apps/{app}/env").OkJsonAsync();
        var vcap = env["system_env_json"]!["VCAP_SERVICES"]!["user-provided"]![0]!;
        Assert.Equal("db", vcap["name"]!.GetValue<string>());
        Assert.Equal("postgres://x", vcap["credentials"]!["uri"]!.GetValue<string>());
        var listed = await foundation.Admin.GetAsync($"/v3/service_credential_bindings?service_instance_guids={instance.Guid()}&include=app").OkJsonAsync();
        Assert.Equal("a", listed["included"]!["apps"]![0]!["name"]!.GetValue<string>());

        var domain = (await foundation.Admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();
        var route = (await (await foundation.Admin.PostAsJsonAsync("/v3/routes", new { host = "h", relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        var routeBinding = await (await foundation.Admin.PostAsJsonAsync("/v3/service_route_bindings", new
        {
            relationships = new { route = new { data = new { guid = route } }, service_instance = new { data = new { guid = instance.Guid() } } },
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("https://proxy.example.com", routeBinding["route_service_url"]!.GetValue<string>());
        var audited = (await foundation.Admin.GetAsync("/v3/audit_events?types=audit.service_route_binding.create").OkJsonAsync())["resources"]![0]!;
        Assert.Equal((routeBinding.Guid(), "service_route_binding", space), (audited["target"]!["guid"]!.GetValue<string>(), audited["target"]!["type"]!.GetValue<string>(), audited["space"]!["guid"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/service_credential_bindings/{binding.Guid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/service_instances/{instance.Guid()}")).StatusCode);
        await foundation.Admin.GetAsync($"/v3/service_route_bindings/{routeBinding.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Service route binding not found");
        await foundation.Admin.PostAsJsonAsync("/v3/service_instances", new { type = "managed", name = "m", relationships = new { space = new { data = new { guid = space } }, service_plan = new { data = new { guid = "no-such-plan" } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.");
    }
}
