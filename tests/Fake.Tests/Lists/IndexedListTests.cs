using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Lists;

/// <summary>
/// Lists served through the label and sort indexes of a table: every selector operator, order_by both ways (ties
/// included), pagination, indexes of a table that changed, and visibility applied on top of them.
/// </summary>
public sealed class IndexedListTests
{
    private static readonly (string Name, object? Labels)[] Apps =
    [
        ("delta", new { tier = "web", env = "prod" }),
        ("alpha", new { tier = "worker", env = "prod" }),
        ("echo", new { tier = "web" }),
        ("bravo", new { env = "dev" }),
        ("foxtrot", null),
        ("charlie", new { tier = "db", env = "dev" }),
    ];

    [Theory]
    [InlineData("tier=web", "delta,echo")]
    [InlineData("tier==web", "delta,echo")]
    [InlineData("tier!=web", "alpha,bravo,foxtrot,charlie")]
    [InlineData("tier in (web,db)", "delta,echo,charlie")]
    [InlineData("tier in (web,web)", "delta,echo")]
    [InlineData("tier notin (web,db)", "alpha,bravo,foxtrot")]
    [InlineData("tier", "delta,alpha,echo,charlie")]
    [InlineData("!tier", "bravo,foxtrot")]
    [InlineData("tier=web,env=prod", "delta")]
    [InlineData("env,tier notin (worker)", "delta,bravo,charlie")]
    [InlineData("env=dev,!tier", "bravo")]
    [InlineData("tier=none", "")]
    [InlineData("missing", "")]
    [InlineData("!missing", "delta,alpha,echo,bravo,foxtrot,charlie")]
    public async Task Label_selector_operators_select_in_creation_order(string selector, string expected)
    {
        using var foundation = await TestFoundation.CreateAsync();
        await SeedAsync(foundation);

        var body = await foundation.Admin.GetAsync($"/v3/apps?label_selector={Uri.EscapeDataString(selector)}").OkJsonAsync();

        Assert.Equal(expected, string.Join(',', Names(body)));
        Assert.Equal(expected.Length == 0 ? 0 : expected.Split(',').Length, body["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("name", "alpha,bravo,charlie,delta,echo,foxtrot")]
    [InlineData("+name", "alpha,bravo,charlie,delta,echo,foxtrot")]
    [InlineData("-name", "foxtrot,echo,delta,charlie,bravo,alpha")]
    [InlineData("created_at", "delta,alpha,echo,bravo,foxtrot,charlie")]
    [InlineData("-created_at", "charlie,foxtrot,bravo,echo,alpha,delta")]
    public async Task Order_by_sorts_and_equal_keys_keep_creation_order_reversed_when_descending(string orderBy, string expected)
    {
        using var foundation = await TestFoundation.CreateAsync();
        await SeedAsync(foundation);

        var body = await foundation.Admin.GetAsync($"/v3/apps?order_by={Uri.EscapeDataString(orderBy)}").OkJsonAsync();

        Assert.Equal(expected, string.Join(',', Names(body)));
    }

    [Fact]
    public async Task Selector_order_and_pagination_combine()
    {
        using var foundation = await TestFoundation.CreateAsync();
        await SeedAsync(foundation);

        var first = await foundation.Admin.GetAsync("/v3/apps?label_selector=tier&order_by=-name&per_page=3").OkJsonAsync();
        var second = await foundation.Admin.GetAsync("/v3/apps?label_selector=tier&order_by=-name&per_page=3&page=2").OkJsonAsync();
        var beyond = await foundation.Admin.GetAsync("/v3/apps?label_selector=tier&order_by=-name&per_page=3&page=3").OkJsonAsync();

        Assert.Equal(["echo", "delta", "charlie"], Names(first));
        Assert.Equal(["alpha"], Names(second));
        Assert.Empty(Names(beyond));
        var pagination = first["pagination"]!;
        Assert.Equal(4, pagination["total_results"]!.GetValue<int>());
        Assert.Equal(2, pagination["total_pages"]!.GetValue<int>());
        Assert.EndsWith("/v3/apps?label_selector=tier&order_by=-name&page=2&per_page=3", pagination["next"]!["href"]!.GetValue<string>());
        Assert.Null(pagination["previous"]);
        Assert.Null(second["pagination"]!["next"]);
        Assert.EndsWith("/v3/apps?label_selector=tier&order_by=-name&page=1&per_page=3", second["pagination"]!["previous"]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task Equal_names_in_two_spaces_keep_creation_order_and_reverse_it_descending()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("org");
        var first = await CreateAppAsync(foundation, await foundation.SpaceAsync(org, "one"), "same", new { tier = "web" });
        var second = await CreateAppAsync(foundation, await foundation.SpaceAsync(org, "two"), "same", new { tier = "web" });

        var ascending = await foundation.Admin.GetAsync("/v3/apps?label_selector=tier=web&order_by=name").OkJsonAsync();
        var descending = await foundation.Admin.GetAsync("/v3/apps?label_selector=tier=web&order_by=-name").OkJsonAsync();

        Assert.Equal([first, second], Guids(ascending));
        Assert.Equal([second, first], Guids(descending));
    }

    [Fact]
    public async Task Lists_follow_label_and_name_changes()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await SeedAsync(foundation);
        await foundation.Admin.GetAsync("/v3/apps?label_selector=tier=web&order_by=name").OkJsonAsync();
        var echo = (await foundation.Admin.GetAsync("/v3/apps?names=echo").OkJsonAsync())["resources"]![0]!.Guid();
        var alpha = (await foundation.Admin.GetAsync("/v3/apps?names=alpha").OkJsonAsync())["resources"]![0]!.Guid();

        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{echo}", new { name = "aardvark", metadata = new { labels = new { tier = (string?)null } } })).EnsureSuccessStatusCode();
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{alpha}", new { metadata = new { labels = new { tier = "web" } } })).EnsureSuccessStatusCode();
        await CreateAppAsync(foundation, space, "able", new { tier = "web" });

        var body = await foundation.Admin.GetAsync("/v3/apps?label_selector=tier=web&order_by=name").OkJsonAsync();
        Assert.Equal(["able", "alpha", "delta"], Names(body));
        Assert.Equal(["aardvark", "able", "alpha"], Names(await foundation.Admin.GetAsync("/v3/apps?order_by=name&per_page=3").OkJsonAsync()));
    }

    [Fact]
    public async Task Visibility_applies_to_indexed_lists()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("org");
        var space = await SeedAsync(foundation, org);
        var other = await foundation.SpaceAsync(await foundation.OrgAsync("other-org"), "other");
        await CreateAppAsync(foundation, other, "aaa-hidden", new { tier = "web" });
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));

        var body = await developer.GetAsync("/v3/apps?label_selector=tier=web&order_by=name").OkJsonAsync();

        Assert.Equal(["delta", "echo"], Names(body));
        Assert.Equal(2, body["pagination"]!["total_results"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invalid_selector_is_rejected_as_before()
    {
        using var foundation = await TestFoundation.CreateAsync();
        await SeedAsync(foundation);

        await foundation.Admin.GetAsync("/v3/apps?label_selector=tier%3D%3D%3Dweb&order_by=name")
            .AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005);
    }

    private static async Task<string> SeedAsync(TestFoundation foundation, string? org = null)
    {
        var space = await foundation.SpaceAsync(org ?? await foundation.OrgAsync("org"), "space");
        foreach (var (name, labels) in Apps)
        {
            await CreateAppAsync(foundation, space, name, labels);
        }

        return space;
    }

    private static async Task<string> CreateAppAsync(TestFoundation foundation, string space, string name, object? labels) =>
        (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new
        {
            name,
            relationships = new { space = new { data = new { guid = space } } },
            metadata = new { labels = labels ?? new { } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();

    private static List<string> Names(JsonNode body) =>
        [.. body["resources"]!.AsArray().Select(app => app!["name"]!.GetValue<string>())];

    private static List<string> Guids(JsonNode body) => [.. body["resources"]!.AsArray().Select(app => app!.Guid())];
}
