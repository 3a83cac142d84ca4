using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Admin;

/// <summary>The console's files and the admin operations it relies on.</summary>
public sealed class ConsoleAdminTests
{
    [Fact]
    public async Task The_console_is_served_from_the_assembly_with_its_content_types()
    {
        using var client = FakeApp.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var bare = await client.GetAsync("/_fake/console");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/_fake/console/", bare.Headers.Location!.OriginalString);
        var page = await client.GetAsync("/_fake/console/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"console.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var script = await client.GetAsync("/_fake/console/console.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/_fake", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/css", (await client.GetAsync("/_fake/console/console.css")).Content.Headers.ContentType!.MediaType);

        var index = await client.GetAsync("/_fake/").OkJsonAsync();
        Assert.Equal("/_fake/console/", index["console"]!.GetValue<string>());

        var missing = await client.GetAsync("/_fake/console/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("The console has no file named 'nothing.js'.", (await missing.JsonAsync(HttpStatusCode.NotFound))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_path_prefixed_console_redirects_within_its_prefix()
    {
        using var foundation = await TestFoundation.CreateAsync();
        using var client = FakeApp.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var bare = await client.GetAsync($"/foundations/{foundation.Id}/_fake/console");

        Assert.Equal($"/foundations/{foundation.Id}/_fake/console/", bare.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Tsuru_session_tokens_are_issued_without_a_password()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var session = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/tsuru/tokens", new { })).JsonAsync(HttpStatusCode.Created);

        var token = session["token"]!.GetValue<string>();
        Assert.Equal(40, token.Length);
        Assert.Equal("2026-01-08T00:00:00+00:00", session["expires_at"]!.GetValue<string>());
        using var tsuru = foundation.NewClient(null);
        tsuru.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        var info = await tsuru.GetAsync("/1.0/users/info").OkJsonAsync();
        Assert.Equal("admin@example.com", info["Email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tsuru_session_tokens_need_a_known_user_and_foundation()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var unknown = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/tsuru/tokens", new { email = "nobody@example.com" })).JsonAsync(HttpStatusCode.BadRequest);
        var missing = await (await foundation.Anonymous.PostAsJsonAsync("/_fake/foundations/no-such-foundation/tsuru/tokens", new { })).JsonAsync(HttpStatusCode.NotFound);

        Assert.Equal("No Tsuru user 'nobody@example.com'.", unknown["error"]!.GetValue<string>());
        Assert.Equal("No foundation named 'no-such-foundation'.", missing["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Faults_and_lifecycles_in_flight_name_their_kinds_and_modes()
    {
        using var foundation = await TestFoundation.CreateAsync();
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/policy", new { mode = "AfterTime", delaySeconds = 30 })).EnsureSuccessStatusCode();
        var org = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "doomed" })).JsonAsync(HttpStatusCode.Created);
        (await foundation.Admin.DeleteAsync($"/v3/organizations/{org.Guid()}")).EnsureSuccessStatusCode();

        var fault = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/faults", new { kind = "ratelimit", path = "/v3/stacks*" })).JsonAsync(HttpStatusCode.Created);
        var lifecycles = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/lifecycles").OkJsonAsync();

        Assert.Equal("RateLimit", fault["kind"]!.GetValue<string>());
        var pending = Assert.Single(lifecycles["pending"]!.AsArray())!;
        Assert.Equal("job", pending["kind"]!.GetValue<string>());
        Assert.Equal("AfterTime", pending["mode"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:30+00:00", pending["dueAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Advancing_the_clock_finishes_due_lifecycles_at_once()
    {
        using var foundation = await TestFoundation.CreateAsync();
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/policy", new { mode = "AfterTime", delaySeconds = 30 })).EnsureSuccessStatusCode();
        var org = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "doomed" })).JsonAsync(HttpStatusCode.Created);
        (await foundation.Admin.DeleteAsync($"/v3/organizations/{org.Guid()}")).EnsureSuccessStatusCode();

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 29 })).EnsureSuccessStatusCode();
        var early = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/lifecycles").OkJsonAsync();
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 1 })).EnsureSuccessStatusCode();
        var due = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/lifecycles").OkJsonAsync();

        Assert.Single(early["pending"]!.AsArray());
        Assert.Empty(due["pending"]!.AsArray());
    }
}
