using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Services;

public sealed class MarketplaceAdminTests
{
    private static async Task<string> PlanAsync(TestFoundation foundation, string name) =>
        (await foundation.Admin.GetAsync($"/v3/service_plans?names={name}").OkJsonAsync())["resources"]![0]!.Guid();

    [Fact]
    public async Task Plan_visibility_is_read_replaced_extended_and_reduced_by_admins()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var first = await foundation.OrgAsync("o1");
        var second = await foundation.OrgAsync("o2");
        var plan = await PlanAsync(foundation, "small");

        Assert.Equal("""{"type":"public"}""", (await foundation.Admin.GetStringAsync($"/v3/service_plans/{plan}/visibility")).Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
        var replaced = await (await foundation.Admin.PatchAsJsonAsync($"/v3/service_plans/{plan}/visibility", new { type = "organization", organizations = new[] { new { guid = first } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("o1", replaced["organizations"]![0]!["name"]!.GetValue<string>());
        var applied = await (await foundation.Admin.PostAsJsonAsync($"/v3/service_plans/{plan}/visibility", new { type = "organization", organizations = new[] { new { guid = second } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("organization", applied["type"]!.GetValue<string>());
        var both = await foundation.Admin.GetAsync($"/v3/service_plans/{plan}/visibility").OkJsonAsync();
        Assert.Equal(2, both["organizations"]!.AsArray().Count);
        Assert.Equal("organization", (await foundation.Admin.GetAsync($"/v3/service_plans/{plan}").OkJsonAsync())["visibility_type"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/service_plans/{plan}/visibility/{first}")).StatusCode);
        await foundation.Admin.DeleteAsync($"/v3/service_plans/{plan}/visibility/{first}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Service plan visibility not found");
        await foundation.Admin.PatchAsJsonAsync($"/v3/service_plans/{plan}/visibility", new { type = "everyone" }).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);
        await foundation.Admin.PostAsJsonAsync($"/v3/service_plans/{plan}/visibility", new { type = "organization", organizations = new[] { new { guid = "nope" } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Could not find Organizations with guids: \"nope\"");
        await foundation.Anonymous.GetAsync($"/v3/service_plans/{plan}/visibility").AssertCfErrorAsync(HttpStatusCode.Unauthorized, "CF-NotAuthenticated", 10002);
        var member = await foundation.ClientForUserAsync("dev", ("organization_user", first));
        await member.PatchAsJsonAsync($"/v3/service_plans/{plan}/visibility", new { type = "public" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }

    [Fact]
    public async Task Offerings_and_plans_take_metadata_and_are_deleted_only_when_unused_unless_purged()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var plan = await PlanAsync(foundation, "small");
        var offering = (await foundation.Admin.GetAsync($"/v3/service_plans/{plan}").OkJsonAsync())["relationships"]!["service_offering"]!["data"]!.Guid();
        var labelled = await (await foundation.Admin.PatchAsJsonAsync($"/v3/service_offerings/{offering}", new { metadata = new { labels = new { tier = "gold" } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("gold", labelled["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        (await foundation.Admin.PatchAsJsonAsync($"/v3/service_plans/{plan}", new { metadata = new { annotations = new { note = "x" } } })).EnsureSuccessStatusCode();
        var instance = await foundation.Admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "managed",
            name = "db",
            relationships = new { space = new { data = new { guid = space } }, service_plan = new { data = new { guid = plan } } },
        });
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(instance));

        await foundation.Admin.DeleteAsync($"/v3/service_plans/{plan}").AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Please delete the service_instances associations for your service_plans.");
        await foundation.Admin.DeleteAsync($"/v3/service_offerings/{offering}").AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Please delete the service_plans associations for your services.");
        await foundation.Admin.DeleteAsync($"/v3/service_offerings/{offering}?purge=maybe").AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005);

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/service_offerings/{offering}?purge=true")).StatusCode);
        await foundation.Admin.GetAsync($"/v3/service_plans/{plan}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Service plan not found");
        Assert.Equal(0, (await foundation.Admin.GetAsync($"/v3/service_instances?space_guids={space}").OkJsonAsync())["pagination"]!["total_results"]!.GetValue<int>());
    }
}
