using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.V2Spaces;

public sealed class V2SpacesTests
{
    private const string Unknown = "00000000-0000-4000-8000-000000000000";

    private static IEnumerable<string> Names(JsonNode list) =>
        list["resources"]!.AsArray().Select(resource => resource!["entity"]!["name"]!.GetValue<string>());

    private static async Task<string> AppAsync(TestFoundation foundation, string space, string name) =>
        (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name, relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();

    [Fact]
    public async Task A_space_renders_the_v2_presenter_fields_and_links()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");

        var resource = await foundation.Admin.GetAsync($"/v2/spaces/{space}").OkJsonAsync();

        Assert.Equal($"/v2/spaces/{space}", resource["metadata"]!["url"]!.GetValue<string>());
        Assert.Equal($"/v2/organizations/{org}", resource["entity"]!["organization_url"]!.GetValue<string>());
        JsonSnapshot.Match(resource);
    }

    [Fact]
    public async Task The_links_a_client_follows_resolve()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var app = await AppAsync(foundation, space, "web");

        var appEntity = (await foundation.Admin.GetAsync($"/v2/apps/{app}").OkJsonAsync())["entity"]!;
        var spaceEntity = (await foundation.Admin.GetAsync(appEntity["space_url"]!.GetValue<string>()).OkJsonAsync())["entity"]!;
        var orgEntity = (await foundation.Admin.GetAsync(spaceEntity["organization_url"]!.GetValue<string>()).OkJsonAsync())["entity"]!;
        var stack = await foundation.Admin.GetAsync(appEntity["stack_url"]!.GetValue<string>()).OkJsonAsync();

        Assert.Equal(["web"], Names(await foundation.Admin.GetAsync(spaceEntity["apps_url"]!.GetValue<string>()).OkJsonAsync()));
        Assert.Equal(["s1"], Names(await foundation.Admin.GetAsync(orgEntity["spaces_url"]!.GetValue<string>()).OkJsonAsync()));
        Assert.Equal(appEntity["stack_guid"]!.GetValue<string>(), stack["metadata"]!["guid"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_list_filters_by_organization_name_developer_and_app()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var o1 = await foundation.OrgAsync("o1");
        var o2 = await foundation.OrgAsync("o2");
        var a = await foundation.SpaceAsync(o1, "a");
        await foundation.SpaceAsync(o1, "b");
        await foundation.SpaceAsync(o2, "c");
        var app = await AppAsync(foundation, a, "web");
        await foundation.ClientForUserAsync("dev", ("organization_user", o2), ("space_developer", (await foundation.Admin.GetAsync("/v3/spaces?names=c").OkJsonAsync())["resources"]![0]!.Guid()));
        var developer = (await foundation.Admin.GetAsync("/v3/users?usernames=dev").OkJsonAsync())["resources"]![0]!.Guid();

        Assert.Equal(["a", "b"], Names(await foundation.Admin.GetAsync($"/v2/spaces?q=organization_guid:{o1}").OkJsonAsync()));
        Assert.Equal(["c", "a"], Names(await foundation.Admin.GetAsync("/v2/spaces?q=name%20IN%20c,a&order-by=name&order-direction=desc").OkJsonAsync()));
        Assert.Equal(["c"], Names(await foundation.Admin.GetAsync($"/v2/spaces?q=developer_guid:{developer}").OkJsonAsync()));
        Assert.Equal(["a"], Names(await foundation.Admin.GetAsync($"/v2/spaces?q=app_guid:{app}").OkJsonAsync()));
        Assert.Equal(["a"], Names(await foundation.Admin.GetAsync($"/v2/spaces?q=organization_guid:{o1};name:a").OkJsonAsync()));
    }

    [Fact]
    public async Task Space_apps_lists_only_that_space_with_the_app_filters_and_inline_organization()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        var sibling = await foundation.SpaceAsync(org, "s2");
        await AppAsync(foundation, space, "alpha");
        await AppAsync(foundation, space, "beta");
        await AppAsync(foundation, sibling, "gamma");

        Assert.Equal(["alpha", "beta"], Names(await foundation.Admin.GetAsync($"/v2/spaces/{space}/apps").OkJsonAsync()));
        Assert.Equal(["beta"], Names(await foundation.Admin.GetAsync($"/v2/spaces/{space}/apps?q=name:beta").OkJsonAsync()));
        var page = await foundation.Admin.GetAsync($"/v2/spaces/{space}/apps?results-per-page=1").OkJsonAsync();
        Assert.Equal($"/v2/spaces/{space}/apps?order-direction=asc&page=2&results-per-page=1", page["next_url"]!.GetValue<string>());
        var inlined = await foundation.Admin.GetAsync($"/v2/spaces?q=name:s1&inline-relations-depth=1").OkJsonAsync();
        Assert.Equal("o1", inlined["resources"]![0]!["entity"]!["organization"]!["entity"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_space_developer_sees_its_space_and_nothing_else()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var mine = await foundation.SpaceAsync(org, "mine");
        var other = await foundation.SpaceAsync(org, "other");
        await AppAsync(foundation, mine, "web");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", mine));

        Assert.Equal(["mine"], Names(await developer.GetAsync("/v2/spaces").OkJsonAsync()));
        Assert.Equal(["mine", "other"], Names(await foundation.Admin.GetAsync($"/v2/spaces?q=organization_guid:{org}").OkJsonAsync()));
        Assert.Equal(["web"], Names(await developer.GetAsync($"/v2/spaces/{mine}/apps").OkJsonAsync()));
        await developer.GetAsync($"/v2/spaces/{other}").AssertV2ErrorAsync(HttpStatusCode.NotFound, "CF-SpaceNotFound", 40004, $"The app space could not be found: {other}");
        await developer.GetAsync($"/v2/spaces/{other}/apps").AssertV2ErrorAsync(HttpStatusCode.NotFound, "CF-SpaceNotFound", 40004, $"The app space could not be found: {other}");
    }

    [Theory]
    [InlineData($"/v2/spaces/{Unknown}", HttpStatusCode.NotFound, "CF-SpaceNotFound", 40004, $"The app space could not be found: {Unknown}")]
    [InlineData($"/v2/spaces/{Unknown}/apps", HttpStatusCode.NotFound, "CF-SpaceNotFound", 40004, $"The app space could not be found: {Unknown}")]
    [InlineData("/v2/spaces?q=status:active", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: status")]
    [InlineData("/v2/spaces?results-per-page=101", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: results_per_page must be <= 100")]
    [InlineData("/v2/spaces?order-direction=up", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: order_direction must be 'asc' or 'desc'")]
    public async Task Errors_answer_the_v2_error_body(string path, HttpStatusCode status, string errorCode, int code, string description)
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync(path).AssertV2ErrorAsync(status, errorCode, code, description);
    }
}
