using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Services;

public sealed class ManagedServicesTests
{
    [Fact]
    public async Task The_built_in_broker_fills_the_marketplace()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var plans = await foundation.Admin.GetAsync("/v3/service_plans?available=true&include=service_offering&fields[service_offering.service_broker]=name,guid&per_page=5000").OkJsonAsync();
        Assert.Equal(["small", "large", "standard"], plans["resources"]!.AsArray().Select(plan => plan!["name"]!.GetValue<string>()));
        Assert.Equal(2, plans["included"]!["service_offerings"]!.AsArray().Count);
        Assert.Equal("fake-broker", plans["included"]!["service_brokers"]![0]!["name"]!.GetValue<string>());
        Assert.NotNull(plans["included"]!["service_brokers"]![0]!["guid"]);
        JsonSnapshot.Match(plans["resources"]![0]!);
        var offerings = await foundation.Anonymous.GetAsync("/v3/service_offerings?names=fake-database").OkJsonAsync();
        Assert.Equal(1, offerings["pagination"]!["total_results"]!.GetValue<int>());
        (await foundation.Admin.PatchAsJsonAsync("/v3/feature_flags/hide_marketplace_from_unauthenticated_users", new { enabled = true })).EnsureSuccessStatusCode();
        await foundation.Anonymous.GetAsync("/v3/service_offerings").AssertCfErrorAsync(HttpStatusCode.Unauthorized, "CF-NotAuthenticated", 10002);
        var user = await foundation.ClientForUserAsync("user");
        var brokers = await user.GetAsync("/v3/service_brokers").OkJsonAsync();
        Assert.Equal(0, brokers["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task Managed_instances_provision_through_jobs_and_bindings_carry_broker_credentials()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        var plan = (await foundation.Admin.GetAsync("/v3/service_plans?names=standard").OkJsonAsync())["resources"]![0]!.Guid();
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/policy", new { mode = "Manual" })).EnsureSuccessStatusCode();

        var create = await foundation.Admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "managed",
            name = "cache",
            relationships = new { space = new { data = new { guid = space } }, service_plan = new { data = new { guid = plan } } },
        });
        Assert.Equal(HttpStatusCode.Accepted, create.StatusCode);
        var instance = (await foundation.Admin.GetAsync($"/v3/service_instances?names=cache&fields[service_plan]=guid,name&fields[service_plan.service_offering]=guid,name").OkJsonAsync());
        Assert.Equal("in progress", instance["resources"]![0]!["last_operation"]!["state"]!.GetValue<string>());
        Assert.Equal("standard", instance["included"]!["service_plans"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("fake-cache", instance["included"]!["service_offerings"]![0]!["name"]!.GetValue<string>());
        var guid = instance["resources"]![0]!.Guid();
        await foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new { type = "key", name = "k", relationships = new { service_instance = new { data = new { guid } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "There is an operation in progress for the service instance.");

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/step", new { })).EnsureSuccessStatusCode();
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(create));
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/policy", new { mode = "Immediate" })).EnsureSuccessStatusCode();
        var bind = await foundation.Admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            relationships = new { app = new { data = new { guid = app } }, service_instance = new { data = new { guid } } },
        });
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(bind));
        var env = await foundation.Admin.GetAsync($"/v3/apps/{app}/env").OkJsonAsync();
        var vcap = env["system_env_json"]!["VCAP_SERVICES"]!["fake-cache"]![0]!;
        Assert.Equal("standard", vcap["plan"]!.GetValue<string>());
        Assert.StartsWith("fake-cache://", vcap["credentials"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        var unbind = await foundation.Admin.DeleteAsync($"/v3/service_credential_bindings/{vcap["binding_guid"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.Accepted, unbind.StatusCode);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(unbind));
        Assert.Empty((await foundation.Admin.GetAsync($"/v3/apps/{app}/env").OkJsonAsync())["system_env_json"]!["VCAP_SERVICES"]!.AsObject());

        await foundation.Admin.PostAsJsonAsync($"/v3/service_instances/{guid}/relationships/shared_spaces", new { data = new[] { new { guid = space } } })
            .AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-FeatureDisabled", 330002);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/service_instances/{guid}")));
        await foundation.Admin.GetAsync($"/v3/service_instances/{guid}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Service instance not found");
    }
}
