using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Concurrency;

/// <summary>An app deleted while others update it is either gone with everything it owned, or whole; never half of each.</summary>
public sealed class DeleteWhileUpdatingTests
{
    [Fact]
    public async Task An_app_deleted_during_parallel_updates_leaves_no_process_route_mapping_or_binding_behind()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = foundation.Admin;
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var (app, _) = await foundation.StagedAppAsync(space, "web");
        (await admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        var domain = (await admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();
        var route = (await (await admin.PostAsJsonAsync("/v3/routes", new { host = "web", relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        (await admin.PostAsJsonAsync($"/v3/routes/{route}/destinations", new { destinations = new[] { new { app = new { guid = app } } } })).EnsureSuccessStatusCode();
        var instance = (await (await admin.PostAsJsonAsync("/v3/service_instances", new { type = "user-provided", name = "db", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        (await admin.PostAsJsonAsync("/v3/service_credential_bindings", new { type = "app", relationships = new { service_instance = new { data = new { guid = instance } }, app = new { data = new { guid = app } } } })).EnsureSuccessStatusCode();

        var answers = await Race.RunAsync(Race.Writers, index => (index % 4) switch
        {
            0 when index == Race.Writers / 2 => admin.DeleteAsync($"/v3/apps/{app}"),
            0 => admin.PatchAsJsonAsync($"/v3/apps/{app}", new { name = $"web-{index}" }),
            1 => admin.PostAsJsonAsync($"/v3/apps/{app}/processes/web/actions/scale", new { instances = index }),
            2 => admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new { STEP = $"{index}" } }),
            _ => admin.PostAsJsonAsync($"/v3/routes/{route}/destinations", new { destinations = new[] { new { app = new { guid = app }, port = 8000 + index } } }),
        });

        var deletion = answers[Race.Writers / 2];
        Assert.Equal("COMPLETE", await admin.JobStateAsync(deletion));
        foreach (var answer in answers.Where(answer => answer != deletion))
        {
            Assert.True(answer.IsSuccessStatusCode || answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, $"{answer.RequestMessage!.RequestUri}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        await admin.GetAsync($"/v3/apps/{app}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "App not found");
        Assert.Empty((await admin.GetAsync($"/v3/processes?app_guids={app}").OkJsonAsync())["resources"]!.AsArray());
        Assert.Empty((await admin.GetAsync($"/v3/routes/{route}/destinations").OkJsonAsync())["destinations"]!.AsArray());
        Assert.Empty((await admin.GetAsync($"/v3/service_credential_bindings?app_guids={app}").OkJsonAsync())["resources"]!.AsArray());
        Assert.Empty((await admin.GetAsync($"/v3/packages?app_guids={app}").OkJsonAsync())["resources"]!.AsArray());
        Assert.Empty((await admin.GetAsync($"/v3/droplets?app_guids={app}").OkJsonAsync())["resources"]!.AsArray());
    }
}
