using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

public sealed class BuilderTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task A_pushed_app_is_staged_started_and_running_in_the_org_and_space_made_for_it()
    {
        using var foundation = fake.CreateFoundation();

        var app = await foundation.Given.PushedApp();

        var body = await GetJsonAsync(foundation.Api, $"/v3/apps/{app.Guid}");
        Assert.Equal("STARTED", body["state"]!.GetValue<string>());
        Assert.Equal(app.Space.Guid, body["relationships"]!["space"]!["data"]!["guid"]!.GetValue<string>());
        var droplet = await GetJsonAsync(foundation.Api, $"/v3/apps/{app.Guid}/droplets/current");
        Assert.Equal(app.DropletGuid, droplet["guid"]!.GetValue<string>());
        Assert.Equal("STAGED", droplet["state"]!.GetValue<string>());
        var stats = await GetJsonAsync(foundation.Api, $"/v3/apps/{app.Guid}/processes/web/stats");
        Assert.Equal("RUNNING", stats["resources"]![0]!["state"]!.GetValue<string>());
        Assert.StartsWith("test-app-", app.Name, StringComparison.Ordinal);
        Assert.StartsWith("test-space-", app.Space.Name, StringComparison.Ordinal);
        Assert.StartsWith("test-org-", app.Space.Org.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_builder_calls_give_the_same_names_and_guids_in_every_foundation()
    {
        using var first = fake.CreateFoundation();
        using var second = fake.CreateFoundation();

        var a = await first.Given.Org().Space().App();
        var b = await second.Given.Org().Space().App();

        Assert.Equal((a.Guid, a.Name, a.Space.Guid, a.Space.Name, a.Space.Org.Guid, a.Space.Org.Name), (b.Guid, b.Name, b.Space.Guid, b.Space.Name, b.Space.Org.Guid, b.Space.Org.Name));
        Assert.Matches("^test-app-[a-z0-9-]+-3$", a.Name);
    }

    [Fact]
    public async Task Names_follow_the_fixture_seed()
    {
        using var other = new CloudFoundryFake { BuilderSeed = 7 };
        await other.InitializeAsync();
        using var seeded = other.CreateFoundation();
        using var usual = fake.CreateFoundation();

        var org = await seeded.Given.Org();
        var usualOrg = await usual.Given.Org();

        Assert.NotEqual(usualOrg.Name, org.Name);
        Assert.Equal(usualOrg.Guid, org.Guid);
    }

    [Fact]
    public async Task Service_instances_of_both_kinds_bind_to_an_app()
    {
        using var foundation = fake.CreateFoundation();
        var space = await foundation.Given.Space();
        var app = await space.App("web");

        var provided = await space.ServiceInstance();
        var managed = await foundation.Given.ManagedServiceInstance(space);
        var first = await app.BindTo(provided);
        var second = await foundation.Given.Binding(app, managed);

        Assert.Equal(("user-provided", "managed"), (provided.Type, managed.Type));
        var instance = await GetJsonAsync(foundation.Api, $"/v3/service_instances/{managed.Guid}");
        Assert.Equal("succeeded", instance["last_operation"]!["state"]!.GetValue<string>());
        var bindings = await GetJsonAsync(foundation.Api, $"/v3/service_credential_bindings?app_guids={app.Guid}");
        Assert.Equal(
            new[] { first.Guid, second.Guid }.Order(),
            bindings["resources"]!.AsArray().Select(binding => binding!["guid"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_managed_instance_of_a_plan_the_marketplace_lacks_fails_clearly()
    {
        using var foundation = fake.CreateFoundation();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => foundation.Given.ManagedServiceInstance(plan: "gold"));

        Assert.Equal("The marketplace has no plan 'gold' of 'fake-database'.", error.Message);
    }

    [Fact]
    public async Task Users_get_their_roles_and_a_client_that_logged_in_with_a_password()
    {
        using var foundation = fake.CreateFoundation();
        var space = await foundation.Given.Space();
        await foundation.Given.Space();

        var users = await foundation.Given.Users(space, CfRoles.SpaceDeveloper, CfRoles.SpaceAuditor);

        var (developer, auditor) = (users[0], users[1]);
        Assert.Equal([CfRoles.OrganizationUser, CfRoles.SpaceAuditor], auditor.Roles);
        var visible = await GetJsonAsync(developer.Client, "/v3/spaces");
        Assert.Equal([space.Guid], visible["resources"]!.AsArray().Select(item => item!["guid"]!.GetValue<string>()));
        var body = new { name = "mine", relationships = new { space = new { data = new { guid = space.Guid } } } };
        Assert.Equal(HttpStatusCode.Created, (await developer.Client.PostAsJsonAsync("/v3/apps", body)).StatusCode);
        var denied = await auditor.Client.PostAsJsonAsync("/v3/apps", body with { name = "theirs" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("CF-NotAuthorized", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_org_user_role_needs_no_space_but_a_space_role_does()
    {
        using var foundation = fake.CreateFoundation();
        var org = await foundation.Given.Org();

        var manager = await foundation.Given.User(org, CfRoles.OrganizationManager);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => foundation.Given.User(org, CfRoles.SpaceDeveloper));

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.GetAsync($"/v3/organizations/{org.Guid}")).StatusCode);
        Assert.StartsWith("'space_developer' needs a space.", error.Message, StringComparison.Ordinal);
    }
}
