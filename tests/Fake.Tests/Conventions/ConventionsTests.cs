using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Conventions;

public sealed class ConventionsTests
{
    [Fact]
    public async Task Unknown_routes_and_methods_answer_unknown_request()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync("/v3/nothing-here").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-NotFound", 10000, "Unknown request");
        await foundation.Admin.PutAsync("/v3/organizations", TestFoundation.Json("{}")).AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-NotFound", 10000, "Unknown request");
    }

    [Fact]
    public async Task Missing_and_bad_tokens_are_401s()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Anonymous.GetAsync("/v3/organizations").AssertCfErrorAsync(HttpStatusCode.Unauthorized, "CF-NotAuthenticated", 10002, "Authentication error");
        using var forged = foundation.NewClient("not-a-jwt");
        await forged.GetAsync("/v3/organizations").AssertCfErrorAsync(HttpStatusCode.Unauthorized, "CF-InvalidAuthToken", 1000, "Invalid Auth Token");
    }

    [Fact]
    public async Task Tokens_expire_with_the_foundation_clock()
    {
        using var foundation = await TestFoundation.CreateAsync();
        (await foundation.Admin.GetAsync("/v3/organizations")).EnsureSuccessStatusCode();

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 13 * 3600 })).EnsureSuccessStatusCode();

        await foundation.Admin.GetAsync("/v3/organizations").AssertCfErrorAsync(HttpStatusCode.Unauthorized, "CF-InvalidAuthToken", 1000);
    }

    [Fact]
    public async Task Pagination_links_are_absolute_and_carry_filters_and_order()
    {
        using var foundation = await TestFoundation.CreateAsync();
        foreach (var name in new[] { "c", "a", "b" })
        {
            (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name })).EnsureSuccessStatusCode();
        }

        var page = await foundation.Admin.GetAsync("/v3/organizations?order_by=name&per_page=2&page=2").OkJsonAsync();

        Assert.Equal(4, page["pagination"]!["total_results"]!.GetValue<int>());
        Assert.Equal(2, page["pagination"]!["total_pages"]!.GetValue<int>());
        Assert.Equal("http://localhost/v3/organizations?order_by=%2Bname&page=1&per_page=2", page["pagination"]!["first"]!["href"]!.GetValue<string>());
        Assert.Equal("http://localhost/v3/organizations?order_by=%2Bname&page=1&per_page=2", page["pagination"]!["previous"]!["href"]!.GetValue<string>());
        Assert.Null(page["pagination"]!["next"]);
        Assert.Equal(["c", "system"], page["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));

        var descending = await foundation.Admin.GetAsync("/v3/organizations?order_by=-name&names=a,b").OkJsonAsync();
        Assert.Equal(["b", "a"], descending["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));
        Assert.Equal("http://localhost/v3/organizations?names=a%2Cb&order_by=-name&page=1&per_page=50", descending["pagination"]!["last"]!["href"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("page=0", "The query parameter is invalid: Page must be a positive integer")]
    [InlineData("per_page=5001", "The query parameter is invalid: Per page must be between 1 and 5000")]
    [InlineData("per_page=x", "The query parameter is invalid: Per page must be a positive integer")]
    [InlineData("order_by=color", "The query parameter is invalid: Order by can only be: 'created_at', 'updated_at', 'name'")]
    [InlineData("label_selector=", "The query parameter is invalid: Missing label_selector value")]
    [InlineData("label_selector=a%20in%20", "The query parameter is invalid: Invalid label_selector value")]
    [InlineData("created_ats[gt]=yesterday", "The query parameter is invalid: Created ats has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'")]
    [InlineData("colour=red", "The query parameter is invalid: Unknown query parameter(s): 'colour'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'label_selector'")]
    public async Task Bad_query_parameters_are_400s(string query, string detail)
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync("/v3/organizations?" + query).AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, detail);
    }

    [Theory]
    [InlineData("env=prod", new[] { "p1" })]
    [InlineData("env==prod", new[] { "p1" })]
    [InlineData("env!=prod", new[] { "d1", "none", "system" })]
    [InlineData("env in (prod,dev)", new[] { "p1", "d1" })]
    [InlineData("env notin (prod)", new[] { "d1", "none", "system" })]
    [InlineData("env", new[] { "p1", "d1" })]
    [InlineData("!env", new[] { "none", "system" })]
    [InlineData("env=dev,tier=web", new[] { "d1" })]
    public async Task Label_selectors_follow_the_full_grammar(string selector, string[] expected)
    {
        using var foundation = await TestFoundation.CreateAsync();
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "p1", metadata = new { labels = new { env = "prod" } } });
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "d1", metadata = new { labels = new { env = "dev", tier = "web" } } });
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "none" });

        var list = await foundation.Admin.GetAsync("/v3/organizations?label_selector=" + Uri.EscapeDataString(selector)).OkJsonAsync();

        Assert.Equal(expected.Order(), list["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Metadata_patch_merges_and_null_deletes()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "m", metadata = new { labels = new { a = "1", b = "2" } } })).JsonAsync(HttpStatusCode.Created);

        var patched = await (await foundation.Admin.PatchAsync($"/v3/organizations/{org.Guid()}", TestFoundation.Json("""{"metadata":{"labels":{"a":null,"c":"3"}}}"""))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("""{"b":"2","c":"3"}""", patched["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public async Task Responses_carry_a_request_id_and_identical_requests_give_identical_bodies()
    {
        async Task<string> RunAsync()
        {
            using var foundation = await TestFoundation.CreateAsync();
            var created = await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "same" });
            Assert.True(created.Headers.Contains("X-VCAP-Request-ID"));
            return await created.Content.ReadAsStringAsync() + await foundation.Admin.GetStringAsync("/v3/organizations");
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task Timestamp_filters_select_by_creation_time()
    {
        using var foundation = await TestFoundation.CreateAsync();
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 3600 })).EnsureSuccessStatusCode();
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "later" });

        var list = await foundation.Admin.GetAsync("/v3/organizations?created_ats[gt]=2026-01-01T00:30:00Z").OkJsonAsync();

        Assert.Equal(["later"], list["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));
    }
}
