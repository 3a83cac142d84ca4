using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Root;

public sealed class PlatformWideTests
{
    [Fact]
    public async Task Environment_variable_groups_are_read_by_all_and_changed_by_admins_and_reach_app_env()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();

        var updated = await (await foundation.Admin.PatchAsJsonAsync("/v3/environment_variable_groups/running", new { var = new Dictionary<string, string> { ["LOG_LEVEL"] = "debug" } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("debug", updated["var"]!["LOG_LEVEL"]!.GetValue<string>());
        var user = await foundation.ClientForUserAsync("user");
        var read = await user.GetAsync("/v3/environment_variable_groups/running").OkJsonAsync();
        Assert.Equal("running", read["name"]!.GetValue<string>());
        await user.PatchAsJsonAsync("/v3/environment_variable_groups/staging", new { var = new { A = "b" } }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await foundation.Admin.GetAsync("/v3/environment_variable_groups/other").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Environment variable group not found");
        var env = await foundation.Admin.GetAsync($"/v3/apps/{app}/env").OkJsonAsync();
        Assert.Equal("debug", env["running_env_json"]!["LOG_LEVEL"]!.GetValue<string>());

        var stackApps = await foundation.Admin.GetAsync($"/v3/stacks/{(await foundation.Admin.GetAsync("/v3/stacks?names=cflinuxfs4").OkJsonAsync())["resources"]![0]!.Guid()}/apps").OkJsonAsync();
        Assert.Equal(app, stackApps["resources"]![0]!.Guid());
        var web = (await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web").OkJsonAsync()).Guid();
        var instances = await foundation.Admin.GetAsync($"/v3/processes/{web}/process_instances").OkJsonAsync();
        Assert.Equal("DOWN", instances["resources"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.PostAsync("/v3/admin/actions/clear_buildpack_cache", null)));
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/clear_buildpack_cache", null)));
        await user.PostAsync("/v3/admin/actions/clear_buildpack_cache", null).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }
}
