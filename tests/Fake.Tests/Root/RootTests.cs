using System.Net;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Root;

public sealed class RootTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/v3")]
    [InlineData("/v3/info")]
    [InlineData("/v2/info")]
    public async Task Discovery_documents_need_no_token(string path)
    {
        using var foundation = await TestFoundation.CreateAsync();

        var body = await foundation.Anonymous.GetAsync(path).OkJsonAsync();

        JsonSnapshot.Match(body, path.Replace('/', '_'));
    }

    [Fact]
    public async Task Root_links_point_at_the_in_process_uaa_and_log_cache()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var root = await foundation.Anonymous.GetAsync("/").OkJsonAsync();

        Assert.Equal("http://localhost/uaa", root["links"]!["login"]!["href"]!.GetValue<string>());
        Assert.Equal("3.228.0", root["links"]!["cloud_controller_v3"]!["meta"]!["version"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await foundation.Anonymous.GetAsync("/uaa/login")).StatusCode);
    }

    [Fact]
    public async Task Foundation_path_prefix_selects_the_foundation_and_stays_in_links()
    {
        using var foundation = await TestFoundation.CreateAsync();
        using var plain = FakeApp.Factory.CreateClient();

        var root = await plain.GetAsync($"/foundations/{foundation.Id}/").OkJsonAsync();

        Assert.Equal($"http://localhost/foundations/{foundation.Id}/uaa", root["links"]!["uaa"]!["href"]!.GetValue<string>());
        await plain.GetAsync("/foundations/no-such-foundation/v3").ContinueWith(task => Assert.Equal(HttpStatusCode.NotFound, task.Result.StatusCode));
    }

    [Fact]
    public async Task Usage_summary_is_for_admins_and_auditors()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var auditor = await foundation.ClientWithScopesAsync("auditor", "cloud_controller.global_auditor");
        var nobody = await foundation.ClientForUserAsync("nobody");

        var summary = await auditor.GetAsync("/v3/info/usage_summary").OkJsonAsync();
        Assert.NotNull(summary["usage_summary"]!["started_instances"]);
        await nobody.GetAsync("/v3/info/usage_summary").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-NotFound", 10000);
    }
}
