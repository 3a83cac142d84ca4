using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Tasks;

public sealed class TasksTests
{
    [Fact]
    public async Task Tasks_run_from_the_current_droplet_and_can_be_cancelled()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "echo hi" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Task must have a droplet. Assign current droplet to app.");

        var package = await (await foundation.Admin.PostAsJsonAsync("/v3/packages", new { type = "docker", relationships = new { app = new { data = new { guid = app } } }, data = new { image = "busybox" } })).JsonAsync(HttpStatusCode.Created);
        var build = await (await foundation.Admin.PostAsJsonAsync("/v3/builds", new { package = new { guid = package.Guid() } })).JsonAsync(HttpStatusCode.Created);
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/relationships/current_droplet", new { data = new { guid = build["droplet"]!.Guid() } })).EnsureSuccessStatusCode();

        var done = await (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "echo hi", name = "t1" })).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("SUCCEEDED", done["state"]!.GetValue<string>());
        Assert.Equal(1, done["sequence_id"]!.GetValue<int>());

        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/task/policy", new { mode = "Manual" })).EnsureSuccessStatusCode();
        var running = await (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "sleep 100" })).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("RUNNING", running["state"]!.GetValue<string>());
        var canceling = await (await foundation.Admin.PostAsync($"/v3/tasks/{running.Guid()}/actions/cancel", null)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("CANCELING", canceling["state"]!.GetValue<string>());
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/task/step", new { })).EnsureSuccessStatusCode();
        var cancelled = await foundation.Admin.GetAsync($"/v3/tasks/{running.Guid()}").OkJsonAsync();
        Assert.Equal("FAILED", cancelled["state"]!.GetValue<string>());
        Assert.Equal("task was cancelled", cancelled["result"]!["failure_reason"]!.GetValue<string>());
        await foundation.Admin.PutAsync($"/v3/tasks/{running.Guid()}/cancel", null)
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Task state is FAILED and therefore cannot be canceled");

        var listed = await foundation.Admin.GetAsync($"/v3/apps/{app}/tasks?states=SUCCEEDED").OkJsonAsync();
        Assert.Equal(["t1"], listed["resources"]!.AsArray().Select(task => task!["name"]!.GetValue<string>()));
    }
}
