using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.V2SharedDomains;

public sealed class V2SharedDomainsTests
{
    private static IEnumerable<string> Names(JsonNode list) =>
        list["resources"]!.AsArray().Select(resource => resource!["entity"]!["name"]!.GetValue<string>());

    [Fact]
    public async Task Shared_domains_list_in_v2_and_private_ones_do_not()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        (await foundation.Admin.PostAsJsonAsync("/v3/domains", new { name = "shared.example.com" })).EnsureSuccessStatusCode();
        var owned = (await (await foundation.Admin.PostAsJsonAsync("/v3/domains", new
        {
            name = "private.example.com",
            relationships = new { organization = new { data = new { guid = org } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();

        var list = await foundation.Admin.GetAsync("/v2/shared_domains").OkJsonAsync();

        Assert.Contains("shared.example.com", Names(list));
        Assert.DoesNotContain("private.example.com", Names(list));
        Assert.Equal(["shared.example.com"], Names(await foundation.Admin.GetAsync("/v2/shared_domains?q=name:shared.example.com").OkJsonAsync()));
        await foundation.Admin.GetAsync($"/v2/shared_domains/{owned}").AssertV2ErrorAsync(HttpStatusCode.NotFound, "CF-DomainNotFound", 130002, $"The domain could not be found: {owned}");
        JsonSnapshot.Match(list);
    }

    [Fact]
    public async Task A_space_developer_reads_a_shared_domain_by_guid()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", await foundation.SpaceAsync(org, "s1")));
        var first = (await developer.GetAsync("/v2/shared_domains").OkJsonAsync())["resources"]![0]!;

        var single = await developer.GetAsync($"/v2/shared_domains/{first["metadata"]!["guid"]}").OkJsonAsync();

        Assert.Equal(first.ToJsonString(), single.ToJsonString());
        Assert.False(single["entity"]!["internal"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/v2/shared_domains/00000000-0000-4000-8000-000000000000", HttpStatusCode.NotFound, "CF-DomainNotFound", 130002, "The domain could not be found: 00000000-0000-4000-8000-000000000000")]
    [InlineData("/v2/shared_domains?q=internal:true", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: internal")]
    public async Task Errors_answer_the_v2_error_body(string path, HttpStatusCode status, string errorCode, int code, string description)
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync(path).AssertV2ErrorAsync(status, errorCode, code, description);
    }
}
