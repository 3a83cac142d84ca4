using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Stacks;

public sealed class StacksTests
{
    [Fact]
    public async Task Stacks_are_seeded_and_admins_manage_them()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var defaults = await foundation.Admin.GetAsync("/v3/stacks?default=true").OkJsonAsync();
        JsonSnapshot.Match(defaults["resources"]![0]!);
        var created = await (await foundation.Admin.PostAsJsonAsync("/v3/stacks", new { name = "windows", description = "Windows" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("ACTIVE", created["state"]!.GetValue<string>());
        await foundation.Admin.PostAsJsonAsync("/v3/stacks", new { name = "windows" }).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Name must be unique");
        await foundation.Admin.PatchAsJsonAsync($"/v3/stacks/{created.Guid()}", new { state = "GONE" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "State must be one of ACTIVE, RESTRICTED, DEPRECATED, DISABLED");
        var deprecated = await (await foundation.Admin.PatchAsJsonAsync($"/v3/stacks/{created.Guid()}", new { state = "DEPRECATED", state_reason = "old" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("old", deprecated["state_reason"]!.GetValue<string>());

        var user = await foundation.ClientForUserAsync("user");
        (await user.GetAsync("/v3/stacks")).EnsureSuccessStatusCode();
        await user.DeleteAsync($"/v3/stacks/{created.Guid()}").AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/stacks/{created.Guid()}")).StatusCode);
        await foundation.Admin.GetAsync($"/v3/stacks/{created.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Stack not found");
    }
}
