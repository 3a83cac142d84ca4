using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Deployments;

public sealed class DeploymentsTests
{
    private static async Task<(TestFoundation Foundation, (string Org, string Space) Where, string App, string Droplet)> StartedAppAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var (app, droplet) = await foundation.StagedAppAsync(space, "web-app");
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        return (foundation, (org, space), app, droplet);
    }

    private static async Task PolicyAsync(TestFoundation foundation, string mode) =>
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/deployment/policy", new { mode })).EnsureSuccessStatusCode();

    private static Task<HttpResponseMessage> DeployAsync(HttpClient client, object body) => client.PostAsJsonAsync("/v3/deployments", body);

    /// <summary>A deployment body for the app, with the other fields of <paramref name="extra"/>.</summary>
    private static JsonObject To(string app, object? extra = null)
    {
        var body = extra is null ? [] : System.Text.Json.JsonSerializer.SerializeToNode(extra)!.AsObject();
        body["relationships"] = new JsonObject { ["app"] = new JsonObject { ["data"] = new JsonObject { ["guid"] = app } } };
        return body;
    }

    [Fact]
    public async Task A_rolling_deployment_switches_the_droplet_records_a_revision_and_finishes_per_policy()
    {
        var (foundation, _, app, first) = await StartedAppAsync();
        using var _ = foundation;
        var second = await foundation.DropletAsync(app, "nginx");
        await PolicyAsync(foundation, "Manual");

        var deployment = await (await DeployAsync(foundation.Admin, To(app, new { droplet = new { guid = second } }))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("ACTIVE", "DEPLOYING", "rolling"), (deployment["status"]!["value"]!.GetValue<string>(), deployment["status"]!["reason"]!.GetValue<string>(), deployment["strategy"]!.GetValue<string>()));
        Assert.Equal((second, first), (deployment["droplet"]!["guid"]!.GetValue<string>(), deployment["previous_droplet"]!["guid"]!.GetValue<string>()));
        Assert.Equal(2, deployment["revision"]!["version"]!.GetValue<int>());
        var current = await foundation.Admin.GetAsync($"/v3/apps/{app}/droplets/current").OkJsonAsync();
        Assert.Equal(second, current.Guid());
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/deployment/step", new { guid = deployment.Guid() })).EnsureSuccessStatusCode();
        var finished = await foundation.Admin.GetAsync($"/v3/deployments/{deployment.Guid()}").OkJsonAsync();
        Assert.Equal(("FINALIZED", "DEPLOYED"), (finished["status"]!["value"]!.GetValue<string>(), finished["status"]!["reason"]!.GetValue<string>()));

        var revisions = await foundation.Admin.GetAsync($"/v3/apps/{app}/revisions").OkJsonAsync();
        Assert.Equal(["Initial revision.", "New droplet deployed."], revisions["resources"]!.AsArray().Select(revision => revision!["description"]!.GetValue<string>()));
        var deployed = await foundation.Admin.GetAsync($"/v3/apps/{app}/revisions/deployed").OkJsonAsync();
        Assert.Equal(2, deployed["resources"]![0]!["version"]!.GetValue<int>());
        var listed = await foundation.Admin.GetAsync($"/v3/deployments?app_guids={app}&status_values=FINALIZED").OkJsonAsync();
        Assert.Equal(1, listed["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_new_deployment_supersedes_the_active_one_and_cancel_rolls_back()
    {
        var (foundation, _, app, first) = await StartedAppAsync();
        using var _ = foundation;
        await PolicyAsync(foundation, "Manual");
        var second = await foundation.DropletAsync(app, "nginx");

        var older = await (await DeployAsync(foundation.Admin, To(app, new { droplet = new { guid = second } }))).JsonAsync(HttpStatusCode.Created);
        var newer = await (await DeployAsync(foundation.Admin, To(app, new { droplet = new { guid = first } }))).JsonAsync(HttpStatusCode.Created);

        var superseded = await foundation.Admin.GetAsync($"/v3/deployments/{older.Guid()}").OkJsonAsync();
        Assert.Equal(("FINALIZED", "SUPERSEDED"), (superseded["status"]!["value"]!.GetValue<string>(), superseded["status"]!["reason"]!.GetValue<string>()));
        await foundation.Admin.PostAsync($"/v3/deployments/{older.Guid()}/actions/cancel", null)
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Cannot cancel a deployment with status: FINALIZED and reason: SUPERSEDED");

        Assert.Equal(HttpStatusCode.OK, (await foundation.Admin.PostAsync($"/v3/deployments/{newer.Guid()}/actions/cancel", null)).StatusCode);
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/deployment/step", new { })).EnsureSuccessStatusCode();
        var canceled = await foundation.Admin.GetAsync($"/v3/deployments/{newer.Guid()}").OkJsonAsync();
        Assert.Equal("CANCELED", canceled["status"]!["reason"]!.GetValue<string>());
        Assert.Equal(second, (await foundation.Admin.GetAsync($"/v3/apps/{app}/droplets/current").OkJsonAsync()).Guid());
    }

    [Fact]
    public async Task A_canary_pauses_after_each_step_until_continued()
    {
        var (foundation, _, app, _) = await StartedAppAsync();
        using var _ = foundation;
        var second = await foundation.DropletAsync(app, "nginx");

        var canary = await (await DeployAsync(foundation.Admin, To(app, new
        {
            droplet = new { guid = second },
            strategy = "canary",
            options = new { max_in_flight = 2, canary = new { steps = new[] { new { instance_weight = 10 }, new { instance_weight = 50 } } } },
        }))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("PAUSED", canary["status"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, canary["status"]!["canary"]!["steps"]!["total"]!.GetValue<int>());
        JsonSnapshot.Match(canary);
        await foundation.Admin.PostAsync($"/v3/deployments/{canary.Guid()}/actions/continue", null);
        var second_step = await foundation.Admin.GetAsync($"/v3/deployments/{canary.Guid()}").OkJsonAsync();
        Assert.Equal(("PAUSED", 2), (second_step["status"]!["reason"]!.GetValue<string>(), second_step["status"]!["canary"]!["steps"]!["current"]!.GetValue<int>()));
        await foundation.Admin.PostAsync($"/v3/deployments/{canary.Guid()}/actions/continue", null);
        var done = await foundation.Admin.GetAsync($"/v3/deployments/{canary.Guid()}").OkJsonAsync();
        Assert.Equal("DEPLOYED", done["status"]!["reason"]!.GetValue<string>());
        await foundation.Admin.PostAsync($"/v3/deployments/{canary.Guid()}/actions/continue", null)
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Cannot continue a deployment with status: FINALIZED and reason: DEPLOYED");
    }

    [Fact]
    public async Task Rolling_back_to_a_revision_restores_its_droplet_and_environment()
    {
        var (foundation, _, app, first) = await StartedAppAsync();
        using var _ = foundation;
        var initial = (await foundation.Admin.GetAsync($"/v3/apps/{app}/revisions").OkJsonAsync())["resources"]![0]!;
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new { COLOR = "blue" } })).EnsureSuccessStatusCode();
        var second = await foundation.DropletAsync(app, "nginx");
        await (await DeployAsync(foundation.Admin, To(app, new { droplet = new { guid = second } }))).JsonAsync(HttpStatusCode.Created);

        var rollback = await (await DeployAsync(foundation.Admin, To(app, new { revision = new { guid = initial.Guid() } }))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(first, rollback["droplet"]!["guid"]!.GetValue<string>());
        var revision = await foundation.Admin.GetAsync($"/v3/revisions/{rollback["revision"]!["guid"]!.GetValue<string>()}").OkJsonAsync();
        Assert.Equal("Rolled back to revision 1.", revision["description"]!.GetValue<string>());
        var environment = await foundation.Admin.GetAsync($"/v3/revisions/{revision.Guid()}/environment_variables").OkJsonAsync();
        Assert.Empty(environment["var"]!.AsObject());
    }

    [Fact]
    public async Task Deploying_validates_the_body_the_app_and_the_droplet()
    {
        var (foundation, where, app, _) = await StartedAppAsync();
        using var _ = foundation;

        await DeployAsync(foundation.Admin, To(app, new { strategy = "blue-green" }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Strategy 'blue-green' is not a supported deployment strategy");
        await DeployAsync(foundation.Admin, To(app, new { droplet = new { guid = "x" }, revision = new { guid = "y" } }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Droplet Cannot set both fields 'droplet' and 'revision'");
        await DeployAsync(foundation.Admin, To(app, new { options = new { canary = new { steps = Array.Empty<object>() } } }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);
        await DeployAsync(foundation.Admin, To("00000000-0000-4000-8000-000000000000"))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Unable to use app. Ensure that the app exists and you have access to it.");
        await DeployAsync(foundation.Admin, To(app, new { droplet = new { guid = "00000000-0000-4000-8000-000000000000" } }))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Unable to assign current droplet. Ensure the droplet exists and belongs to this app.");
        var auditor = await foundation.ClientForUserAsync("auditor", ("organization_user", where.Org), ("space_auditor", where.Space));
        await DeployAsync(auditor, To(app))
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Unable to use app. Ensure that the app exists and you have access to it.");
        await foundation.Admin.GetAsync("/v3/deployments/00000000-0000-4000-8000-000000000000")
            .AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Deployment not found");
    }
}
