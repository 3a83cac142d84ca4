using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.FeatureFlags;

public sealed class FeatureFlagsTests
{
    [Fact]
    public async Task Flags_list_with_defaults_and_admins_change_them()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var list = await foundation.Admin.GetAsync("/v3/feature_flags?order_by=name&per_page=2").OkJsonAsync();
        Assert.Equal(18, list["pagination"]!["total_results"]!.GetValue<int>());
        JsonSnapshot.Match(list["resources"]!);

        var updated = await (await foundation.Admin.PatchAsJsonAsync("/v3/feature_flags/user_org_creation", new { enabled = true, custom_error_message = "ask ops" })).JsonAsync(HttpStatusCode.OK);
        Assert.True(updated["enabled"]!.GetValue<bool>());
        Assert.Equal("2026-01-01T00:00:00Z", updated["updated_at"]!.GetValue<string>());

        var user = await foundation.ClientForUserAsync("user");
        (await user.PostAsJsonAsync("/v3/organizations", new { name = "self-made" })).EnsureSuccessStatusCode();
        await user.PatchAsJsonAsync("/v3/feature_flags/user_org_creation", new { enabled = false }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await foundation.Admin.GetAsync("/v3/feature_flags/warp_drive").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Feature flag not found");
        await foundation.Admin.PatchAsJsonAsync("/v3/feature_flags/app_scaling", new { enabled = "yes" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Enabled must be a boolean");
    }
}
