using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Concurrency;

/// <summary>Parallel writers on one resource: every answer is a success and the result holds every write.</summary>
public sealed class ParallelUpdateTests
{
    [Fact]
    public async Task Parallel_scales_of_one_process_end_on_one_of_the_requested_values_consistently()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var (app, _) = await foundation.StagedAppAsync(space, "web");
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();

        var answers = await Race.RunAsync(Race.Writers, index =>
            foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/processes/web/actions/scale", new { instances = index + 1, memory_in_mb = 64 * (index + 1) }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode));
        var web = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web").OkJsonAsync();
        var instances = web["instances"]!.GetValue<int>();
        Assert.InRange(instances, 1, Race.Writers);
        Assert.Equal(64 * instances, web["memory_in_mb"]!.GetValue<int>());
        var stats = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web/stats").OkJsonAsync();
        Assert.Equal(instances, stats["resources"]!.AsArray().Count);
    }

    [Fact]
    public async Task Parallel_environment_variable_patches_with_distinct_keys_lose_none()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "web", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();

        var answers = await Race.RunAsync(Race.Writers * 2, index =>
            foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new Dictionary<string, string> { [$"KEY_{index}"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        var variables = (await foundation.Admin.GetAsync($"/v3/apps/{app}/environment_variables").OkJsonAsync())["var"]!.AsObject();
        Assert.Equal(Enumerable.Range(0, Race.Writers * 2).Select(index => $"KEY_{index}").Order(StringComparer.Ordinal), variables.Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Parallel_label_updates_of_one_app_keep_every_label()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "web", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();

        var answers = await Race.RunAsync(Race.Writers, index =>
            foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}", new { metadata = new { labels = new Dictionary<string, string> { [$"label-{index}"] = "on" } } }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        var labels = (await foundation.Admin.GetAsync($"/v3/apps/{app}").OkJsonAsync())["metadata"]!["labels"]!.AsObject();
        Assert.Equal(Race.Writers, labels.Count);
    }
}
