using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Concurrency;

/// <summary>Parallel creates of the same name: exactly one wins, the others get the uniqueness error, one resource exists.</summary>
public sealed class ParallelCreateTests
{
    [Fact]
    public async Task Parallel_creates_of_one_app_name_in_a_space_make_one_app()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");

        var answers = await Race.RunAsync(Race.Writers, _ =>
            foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "web", relationships = new { space = new { data = new { guid = space } } } }));

        await AssertOneWinnerAsync(answers, "CF-UniquenessError", 10016, "App with the name 'web' already exists.");
        var apps = await foundation.Admin.GetAsync($"/v3/apps?space_guids={space}").OkJsonAsync();
        Assert.Equal(1, apps["pagination"]!["total_results"]!.GetValue<int>());
        var processes = await foundation.Admin.GetAsync($"/v3/processes?space_guids={space}").OkJsonAsync();
        Assert.Equal([apps["resources"]![0]!.Guid()], processes["resources"]!.AsArray().Select(process => process!["relationships"]!["app"]!["data"]!["guid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Parallel_creates_of_one_organization_name_make_one_organization()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var answers = await Race.RunAsync(Race.Writers, _ => foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "race-org" }));

        await AssertOneWinnerAsync(answers, "CF-UnprocessableEntity", 10008, "Organization 'race-org' already exists.");
        var orgs = await foundation.Admin.GetAsync("/v3/organizations?names=race-org").OkJsonAsync();
        Assert.Equal(1, orgs["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task Parallel_creates_of_one_route_host_make_one_route()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var domain = (await foundation.Admin.GetAsync("/v3/domains?names=apps.example.org").OkJsonAsync())["resources"]![0]!.Guid();

        var answers = await Race.RunAsync(Race.Writers, _ => foundation.Admin.PostAsJsonAsync("/v3/routes", new
        {
            host = "race",
            relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } },
        }));

        await AssertOneWinnerAsync(answers, "CF-UnprocessableEntity", 10008, "Route already exists with host 'race' for domain 'apps.example.org'.");
        var routes = await foundation.Admin.GetAsync("/v3/routes?hosts=race").OkJsonAsync();
        Assert.Equal(1, routes["pagination"]!["total_results"]!.GetValue<int>());
    }

    private static async Task AssertOneWinnerAsync(HttpResponseMessage[] answers, string title, int code, string detail)
    {
        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Created);
        foreach (var answer in answers.Where(answer => answer.StatusCode != HttpStatusCode.Created))
        {
            await answer.AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, title, code, detail);
        }
    }
}
