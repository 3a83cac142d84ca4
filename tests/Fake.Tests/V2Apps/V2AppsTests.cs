using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.V2Apps;

public sealed class V2AppsTests
{
    private static async Task<(TestFoundation Foundation, string Org, string Space)> ArrangeAsync(params string[] apps)
    {
        var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");
        foreach (var name in apps)
        {
            (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name, relationships = new { space = new { data = new { guid = space } } } })).EnsureSuccessStatusCode();
        }

        return (foundation, org, space);
    }

    private static IEnumerable<string> Names(JsonNode list) =>
        list["resources"]!.AsArray().Select(resource => resource!["entity"]!["name"]!.GetValue<string>());

    [Fact]
    public async Task V3_apps_appear_in_v2_with_the_seed_envelope_and_entity_fields()
    {
        var (foundation, _, space) = await ArrangeAsync("alpha");
        using var _ = foundation;

        var list = await foundation.Admin.GetAsync("/v2/apps").OkJsonAsync();

        Assert.Equal(1, list["total_results"]!.GetValue<int>());
        Assert.Null(list["next_url"]);
        var app = list["resources"]![0]!;
        Assert.Equal($"/v2/apps/{app["metadata"]!["guid"]}", app["metadata"]!["url"]!.GetValue<string>());
        Assert.Equal(space, app["entity"]!["space_guid"]!.GetValue<string>());
        JsonSnapshot.Match(app);
    }

    [Theory]
    [InlineData("q=name:beta", new[] { "beta" })]
    [InlineData("q=name%20IN%20alpha,gamma", new[] { "alpha", "gamma" })]
    [InlineData("q=name>=beta", new[] { "beta", "gamma" })]
    [InlineData("q=name<beta", new[] { "alpha" })]
    [InlineData("q=name<=beta", new[] { "alpha", "beta" })]
    [InlineData("q=name>beta", new[] { "gamma" })]
    [InlineData("q=name>alpha&q=name<gamma", new[] { "beta" })]
    [InlineData("q=name:beta;diego:true", new[] { "beta" })]
    [InlineData("order-direction=desc", new[] { "gamma", "beta", "alpha" })]
    public async Task Q_filters_combine_and_order(string query, string[] expected)
    {
        var (foundation, _, _) = await ArrangeAsync("alpha", "beta", "gamma");
        using var _ = foundation;

        var list = await foundation.Admin.GetAsync("/v2/apps?" + query).OkJsonAsync();

        Assert.Equal(expected, Names(list));
    }

    [Fact]
    public async Task Q_filters_by_organization_and_stack()
    {
        var (foundation, org, _) = await ArrangeAsync("alpha");
        using var _ = foundation;
        var stack = (await foundation.Admin.GetAsync("/v3/stacks?names=cflinuxfs4").OkJsonAsync())["resources"]![0]!.Guid();

        Assert.Equal(["alpha"], Names(await foundation.Admin.GetAsync($"/v2/apps?q=organization_guid:{org}&q=stack_guid:{stack}").OkJsonAsync()));
        Assert.Empty(Names(await foundation.Admin.GetAsync("/v2/apps?q=organization_guid:00000000-0000-4000-8000-000000000000").OkJsonAsync()));
    }

    [Fact]
    public async Task Pagination_links_and_inline_relations()
    {
        var (foundation, org, space) = await ArrangeAsync("alpha", "beta", "gamma");
        using var _ = foundation;

        var page = await foundation.Admin.GetAsync($"/v2/apps?results-per-page=1&page=2&q=space_guid:{space}&inline-relations-depth=2").OkJsonAsync();
        Assert.Equal(3, page["total_pages"]!.GetValue<int>());
        Assert.Equal($"/v2/apps?inline-relations-depth=2&order-direction=asc&page=1&q=space_guid%3A{space}&results-per-page=1", page["prev_url"]!.GetValue<string>());
        Assert.Equal($"/v2/apps?inline-relations-depth=2&order-direction=asc&page=3&q=space_guid%3A{space}&results-per-page=1", page["next_url"]!.GetValue<string>());
        var entity = page["resources"]![0]!["entity"]!;
        Assert.Equal("s1", entity["space"]!["entity"]!["name"]!.GetValue<string>());
        Assert.Equal(org, entity["space"]!["entity"]!["organization"]!["metadata"]!["guid"]!.GetValue<string>());
        Assert.Equal("cflinuxfs4", entity["stack"]!["entity"]!["name"]!.GetValue<string>());
        var shallow = await foundation.Admin.GetAsync("/v2/apps?inline-relations-depth=1").OkJsonAsync();
        Assert.Null(shallow["resources"]![0]!["entity"]!["space"]!["entity"]!["organization"]);
    }

    [Theory]
    [InlineData("q=colour:red", "The query parameter is invalid: colour")]
    [InlineData("results-per-page=101", "The query parameter is invalid: results_per_page must be <= 100")]
    [InlineData("inline-relations-depth=3", "The query parameter is invalid: inline_relations_depth must be <= 2")]
    public async Task Bad_queries_answer_the_v2_error_shape(string query, string description)
    {
        var (foundation, _, _) = await ArrangeAsync();
        using var _ = foundation;

        var error = await (await foundation.Admin.GetAsync("/v2/apps?" + query)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(description, error["description"]!.GetValue<string>());
        Assert.Equal("CF-BadQueryParameter", error["error_code"]!.GetValue<string>());
        Assert.Equal(10005, error["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apps_cannot_be_ordered_by_a_field()
    {
        var (foundation, _, _) = await ArrangeAsync("alpha");
        using var _ = foundation;

        var error = await (await foundation.Admin.GetAsync("/v2/apps?order-by=name")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(("Cannot order by: name", "CF-OrderByParameterInvalid", 10012), (error["description"]!.GetValue<string>(), error["error_code"]!.GetValue<string>(), error["code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task V2_writes_are_visible_in_v3_and_back()
    {
        var (foundation, _, space) = await ArrangeAsync();
        using var _ = foundation;

        var created = await (await foundation.Admin.PostAsJsonAsync("/v2/apps", new { name = "v2app", space_guid = space, memory = 256, instances = 2, environment_json = new Dictionary<string, string> { ["A"] = "1" } })).JsonAsync(HttpStatusCode.Created);
        var guid = created["metadata"]!["guid"]!.GetValue<string>();
        var v3 = await foundation.Admin.GetAsync($"/v3/apps/{guid}/processes/web").OkJsonAsync();
        Assert.Equal((256, 2), (v3["memory_in_mb"]!.GetValue<int>(), v3["instances"]!.GetValue<int>()));

        (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{guid}/processes/web/actions/scale", new { instances = 3 })).EnsureSuccessStatusCode();
        var v2 = await foundation.Admin.GetAsync($"/v2/apps/{guid}").OkJsonAsync();
        Assert.Equal(3, v2["entity"]!["instances"]!.GetValue<int>());
        Assert.Equal("1", v2["entity"]!["environment_json"]!["A"]!.GetValue<string>());

        var error = await (await foundation.Admin.PutAsJsonAsync($"/v2/apps/{guid}", new { state = "STARTED" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("CF-AppPackageInvalid", error["error_code"]!.GetValue<string>());
        var stopped = await (await foundation.Admin.GetAsync($"/v2/apps/{guid}/stats")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Could not fetch stats for stopped app: v2app", stopped["description"]!.GetValue<string>());
        var summary = await foundation.Admin.GetAsync($"/v2/apps/{guid}/summary").OkJsonAsync();
        Assert.Equal(0, summary["running_instances"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v2/apps/{guid}")).StatusCode);
        var missing = await (await foundation.Admin.GetAsync($"/v3/apps/{guid}")).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("CF-ResourceNotFound", missing["errors"]![0]!["title"]!.GetValue<string>());
        var gone = await (await foundation.Admin.GetAsync($"/v2/apps/{guid}")).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(100004, gone["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task V2_writes_ignore_fields_it_does_not_know_as_cloud_controller_does()
    {
        var (foundation, _, space) = await ArrangeAsync();
        using var _ = foundation;

        var created = await (await foundation.Admin.PostAsJsonAsync("/v2/apps", new { name = "lenient", space_guid = space, unknown_field = true })).JsonAsync(HttpStatusCode.Created);
        var guid = created["metadata"]!["guid"]!.GetValue<string>();
        var updated = await (await foundation.Admin.PutAsJsonAsync($"/v2/apps/{guid}", new { memory = 512, also_unknown = "x" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("lenient", 512), (updated["entity"]!["name"]!.GetValue<string>(), updated["entity"]!["memory"]!.GetValue<int>()));
        Assert.False(updated["entity"]!.AsObject().ContainsKey("also_unknown"));
        var invalid = await (await foundation.Admin.PutAsJsonAsync($"/v2/apps/{guid}", new { memory = 0, unknown_field = true })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("CF-AppInvalid", invalid["error_code"]!.GetValue<string>());
    }
}
