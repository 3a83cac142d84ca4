using System.Net;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.V2Stacks;

public sealed class V2StacksTests
{
    [Fact]
    public async Task The_seeded_stacks_list_in_v2_with_the_v3_guids()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var v3 = (await foundation.Admin.GetAsync("/v3/stacks").OkJsonAsync())["resources"]!.AsArray().Select(stack => stack!.Guid());

        var list = await foundation.Admin.GetAsync("/v2/stacks").OkJsonAsync();

        Assert.Equal(v3, list["resources"]!.AsArray().Select(stack => stack!["metadata"]!["guid"]!.GetValue<string>()));
        JsonSnapshot.Match(list);
    }

    [Fact]
    public async Task A_space_developer_reads_stacks_by_name_and_guid()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var developer = await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", await foundation.SpaceAsync(org, "s1")));

        var list = await developer.GetAsync("/v2/stacks?q=name:cflinuxfs4").OkJsonAsync();
        var stack = list["resources"]![0]!;
        var single = await developer.GetAsync(stack["metadata"]!["url"]!.GetValue<string>()).OkJsonAsync();

        Assert.Equal(1, list["total_results"]!.GetValue<int>());
        Assert.Equal(stack.ToJsonString(), single.ToJsonString());
    }

    [Theory]
    [InlineData("/v2/stacks/00000000-0000-4000-8000-000000000000", HttpStatusCode.NotFound, "CF-StackNotFound", 250003, "The stack could not be found: 00000000-0000-4000-8000-000000000000")]
    [InlineData("/v2/stacks?q=description:x", HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005, "The query parameter is invalid: description")]
    [InlineData("/v2/stacks?order-by=name", HttpStatusCode.BadRequest, "CF-OrderByParameterInvalid", 10012, "Cannot order by: name")]
    public async Task Errors_answer_the_v2_error_body(string path, HttpStatusCode status, string errorCode, int code, string description)
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync(path).AssertV2ErrorAsync(status, errorCode, code, description);
    }
}
