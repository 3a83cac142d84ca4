using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.IsolationSegments;

public sealed class IsolationSegmentsTests
{
    [Fact]
    public async Task Segments_are_entitled_to_orgs_and_used_as_org_default_and_by_spaces()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");

        var segment = await (await foundation.Admin.PostAsJsonAsync("/v3/isolation_segments", new { name = "seg" })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(segment);
        await foundation.Admin.PostAsJsonAsync("/v3/isolation_segments", new { name = "SEG" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Isolation Segment names are case insensitive and must be unique");
        await foundation.Admin.PatchAsJsonAsync($"/v3/organizations/{org}/relationships/default_isolation_segment", new { data = new { guid = segment.Guid() } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);

        var entitled = await (await foundation.Admin.PostAsJsonAsync($"/v3/isolation_segments/{segment.Guid()}/relationships/organizations", new { data = new[] { new { guid = org } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(org, entitled["data"]![0]!.Guid());
        var defaulted = await (await foundation.Admin.PatchAsJsonAsync($"/v3/organizations/{org}/relationships/default_isolation_segment", new { data = new { guid = segment.Guid() } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(segment.Guid(), defaulted["data"]!.Guid());
        (await foundation.Admin.PatchAsJsonAsync($"/v3/spaces/{space}/relationships/isolation_segment", new { data = new { guid = segment.Guid() } })).EnsureSuccessStatusCode();
        var spaces = await foundation.Admin.GetAsync($"/v3/isolation_segments/{segment.Guid()}/relationships/spaces").OkJsonAsync();
        Assert.Equal(space, spaces["data"]![0]!.Guid());

        await foundation.Admin.DeleteAsync($"/v3/isolation_segments/{segment.Guid()}/relationships/organizations/{org}")
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);
        var member = await foundation.ClientForUserAsync("dev", ("organization_user", org));
        var visible = await member.GetAsync("/v3/isolation_segments").OkJsonAsync();
        Assert.Equal(["seg"], visible["resources"]!.AsArray().Select(item => item!["name"]!.GetValue<string>()));
        await member.PostAsJsonAsync("/v3/isolation_segments", new { name = "x" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }
}
