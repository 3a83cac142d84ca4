using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.V2Organizations;

public sealed class V2OrganizationsTests
{
    private const string Unknown = "00000000-0000-4000-8000-000000000000";

    private static IEnumerable<string> Names(JsonNode list) =>
        list["resources"]!.AsArray().Select(resource => resource!["entity"]!["name"]!.GetValue<string>());

    [Fact]
    public async Task An_organization_renders_the_v2_presenter_fields_and_links()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var segment = (await (await foundation.Admin.PostAsJsonAsync("/v3/isolation_segments", new { name = "seg" })).JsonAsync(HttpStatusCode.Created)).Guid();
        (await foundation.Admin.PostAsJsonAsync($"/v3/isolation_segments/{segment}/relationships/organizations", new { data = new[] { new { guid = org } } })).EnsureSuccessStatusCode();

        var resource = await foundation.Admin.GetAsync($"/v2/organizations/{org}").OkJsonAsync();

        Assert.Equal($"/v2/organizations/{org}", resource["metadata"]!["url"]!.GetValue<string>());
        Assert.Equal($"/v3/isolation_segments?organization_guids={org}", resource["entity"]!["isolation_segment_url"]!.GetValue<string>());
        JsonSnapshot.Match(resource);
    }

    [Fact]
    public async Task The_list_filters_by_name_status_spaces_and_members_and_orders_by_name()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var o1 = await foundation.OrgAsync("o-b");
        await foundation.OrgAsync("o-a");
        var o3 = await foundation.OrgAsync("o-c");
        var space = await foundation.SpaceAsync(o3, "s1");
        await foundation.ClientForUserAsync("boss", ("organization_manager", o1));
        var boss = (await foundation.Admin.GetAsync("/v3/users?usernames=boss").OkJsonAsync())["resources"]![0]!.Guid();

        Assert.Equal(["o-b"], Names(await foundation.Admin.GetAsync("/v2/organizations?q=name:o-b").OkJsonAsync()));
        Assert.Equal(["o-b", "o-c"], Names(await foundation.Admin.GetAsync("/v2/organizations?q=name%20IN%20o-c,o-b").OkJsonAsync()));
        Assert.Equal(["o-c"], Names(await foundation.Admin.GetAsync($"/v2/organizations?q=space_guid:{space}").OkJsonAsync()));
        Assert.Equal(["o-b"], Names(await foundation.Admin.GetAsync($"/v2/organizations?q=manager_guid:{boss}").OkJsonAsync()));
        Assert.Empty(Names(await foundation.Admin.GetAsync($"/v2/organizations?q=auditor_guid:{boss}").OkJsonAsync()));
        Assert.Equal(["o-c", "o-b", "o-a"], Names(await foundation.Admin.GetAsync("/v2/organizations?q=name>=o-&q=name<p&q=status:active&order-by=name&order-direction=desc").OkJsonAsync()));
    }

    [Fact]
    public async Task Pages_link_to_each_other_keeping_the_query()
    {
        using var foundation = await TestFoundation.CreateAsync();
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await foundation.OrgAsync(name);
        }

        var page = await foundation.Admin.GetAsync("/v2/organizations?q=name%20IN%20p1,p2,p3&results-per-page=1&page=2&order-by=name").OkJsonAsync();

        Assert.Equal((3, 3), (page["total_results"]!.GetValue<int>(), page["total_pages"]!.GetValue<int>()));
        Assert.Equal(["p2"], Names(page));
        Assert.Equal("/v2/organizations?order-by=name&order-direction=asc&page=1&q=name+IN+p1%2Cp2%2Cp3&results-per-page=1", page["prev_url"]!.GetValue<string>());
        Assert.Equal("/v2/organizations?order-by=name&order-direction=asc&page=3&q=name+IN+p1%2Cp2%2Cp3&results-per-page=1", page["next_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_space_developer_sees_its_organization_and_only_its_spaces_there()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var mine = await foundation.OrgAsync("mine");
        var other = await foundation.OrgAsync("other");
        var s1 = await foundation.SpaceAsync(mine, "s1");
        await foundation.SpaceAsync(mine, "s2");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", mine), ("space_developer", s1));

        Assert.Equal(["mine"], Names(await developer.GetAsync("/v2/organizations").OkJsonAsync()));
        Assert.Equal(["s1"], Names(await developer.GetAsync($"/v2/organizations/{mine}/spaces").OkJsonAsync()));
        Assert.Equal(["s1", "s2"], Names(await foundation.Admin.GetAsync($"/v2/organizations/{mine}/spaces").OkJsonAsync()));
        Assert.Equal(["s2"], Names(await foundation.Admin.GetAsync($"/v2/organizations/{mine}/spaces?q=name:s2").OkJsonAsync()));
        await developer.GetAsync($"/v2/organizations/{other}").AssertV2ErrorAsync(HttpStatusCode.NotFound, "CF-OrganizationNotFound", 30003, $"The organization could not be found: {other}");
        await developer.GetAsync($"/v2/organizations/{other}/spaces").AssertV2ErrorAsync(HttpStatusCode.NotFound, "CF-OrganizationNotFound", 30003, $"The organization could not be found: {other}");
    }

    [Theory]
    [InlineData($"/v2/organizations/{Unknown}", HttpStatusCode.NotFound, "CF-OrganizationNotFound", 30003, $"The organization could not be found: {Unknown}")]
    [InlineData($"/v2/organizations/{Unknown}/spaces", HttpStatusCode.NotFound, "CF-OrganizationNotFound", 30003, $"The organization could not be found: {Unknown}")]
    [InlineData("/v2/organizations?q=colour:red", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: colour")]
    [InlineData("/v2/organizations?order-by=status", HttpStatusCode.BadRequest, "CF-OrderByParameterInvalid", 10012, "Cannot order by: status")]
    [InlineData("/v2/organizations?page=0", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: page must be a positive integer")]
    public async Task Errors_answer_the_v2_error_body(string path, HttpStatusCode status, string errorCode, int code, string description)
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync(path).AssertV2ErrorAsync(status, errorCode, code, description);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Anonymous.GetAsync("/v2/organizations").AssertV2ErrorAsync(HttpStatusCode.Unauthorized, "CF-NotAuthenticated", 10002, "Authentication error");
    }
}
