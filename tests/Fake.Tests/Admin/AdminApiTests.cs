using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Admin;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Forks_are_isolated_from_their_source()
    {
        using var foundation = await TestFoundation.CreateAsync();
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "before-fork" });

        var fork = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/fork", new { id = foundation.Id + "-fork" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(foundation.Id + "-fork", fork["id"]!.GetValue<string>());
        using var forked = FakeApp.Factory.CreateClient();
        forked.DefaultRequestHeaders.Add("X-Fake-Foundation", foundation.Id + "-fork");
        forked.DefaultRequestHeaders.Authorization = foundation.Admin.DefaultRequestHeaders.Authorization;
        await forked.PostAsJsonAsync("/v3/organizations", new { name = "only-in-fork" });

        var source = await foundation.Admin.GetAsync("/v3/organizations?names=before-fork,only-in-fork").OkJsonAsync();
        var copy = await forked.GetAsync("/v3/organizations?names=before-fork,only-in-fork").OkJsonAsync();
        Assert.Equal(1, source["pagination"]!["total_results"]!.GetValue<int>());
        Assert.Equal(2, copy["pagination"]!["total_results"]!.GetValue<int>());
        (await foundation.Anonymous.DeleteAsync($"/_fake/foundations/{foundation.Id}-fork")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Current_names_the_foundation_of_the_header_or_path_prefix_else_the_default_and_cannot_be_taken()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var held = await (await foundation.Anonymous.PutAsJsonAsync("/_fake/foundations/current/lifecycles/task/policy", new { mode = "Manual" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Manual", held["mode"]!.GetValue<string>());
        using var plain = FakeApp.Factory.CreateClient();
        var mine = await plain.GetAsync($"/_fake/foundations/{foundation.Id}/lifecycles").OkJsonAsync();
        Assert.Equal("Manual", mine["kinds"]!.AsArray().Single(kind => kind!["kind"]!.GetValue<string>() == "task")!["policy"]!["mode"]!.GetValue<string>());
        var byHeader = await foundation.Anonymous.GetAsync("/_fake/foundations/current").OkJsonAsync();
        var byPrefix = await plain.GetAsync($"/foundations/{foundation.Id}/_fake/foundations/current").OkJsonAsync();
        var byDefault = await plain.GetAsync("/_fake/foundations/current").OkJsonAsync();
        Assert.Equal((foundation.Id, foundation.Id, "default"), (byHeader["id"]!.GetValue<string>(), byPrefix["id"]!.GetValue<string>(), byDefault["id"]!.GetValue<string>()));

        var taken = await foundation.Anonymous.PostAsJsonAsync("/_fake/foundations", new { id = "current" });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("'current' names the foundation a request talks to", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/fork", new { id = "current" })).StatusCode);
    }

    [Fact]
    public async Task Snapshot_restore_and_reset_bring_back_earlier_worlds()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var snapshot = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/snapshots", new { name = "empty" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("empty", snapshot["snapshot"]!.GetValue<string>());
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "transient" });

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/restore", new { snapshot = "empty" })).EnsureSuccessStatusCode();
        var afterRestore = await foundation.Admin.GetAsync("/v3/organizations?names=transient").OkJsonAsync();
        Assert.Equal(0, afterRestore["pagination"]!["total_results"]!.GetValue<int>());

        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "again" });
        (await foundation.Anonymous.PostAsync($"/_fake/foundations/{foundation.Id}/reset", null)).EnsureSuccessStatusCode();
        var afterReset = await foundation.Admin.GetAsync("/v3/organizations").OkJsonAsync();
        Assert.Equal(["system"], afterReset["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));

        var missing = await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/restore", new { snapshot = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Clock_can_be_read_advanced_and_set_but_not_moved_back()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var clock = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/clock").OkJsonAsync();
        Assert.Equal("2026-01-01T00:00:00Z", clock["now"]!.GetValue<string>());
        var advanced = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 90 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2026-01-01T00:01:30Z", advanced["now"]!.GetValue<string>());
        var back = await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        var set = await (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock", new { now = "2030-05-06T07:08:09Z" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2030-05-06T07:08:09Z", set["now"]!.GetValue<string>());

        using var admin = foundation.NewClient(await foundation.TokenAsync("admin"));
        var org = await (await admin.PostAsJsonAsync("/v3/organizations", new { name = "dated" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("2030-05-06T07:08:09Z", org["created_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Journal_records_requests_and_unmatched_calls_with_secrets_redacted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "journaled" });
        await foundation.Admin.GetAsync("/v3/not-a-thing");
        using var login = new HttpRequestMessage(HttpMethod.Post, "/uaa/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "admin", ["password"] = "admin" }),
        };
        login.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "Y2Y6");
        await foundation.Anonymous.SendAsync(login);

        var all = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/journal?path=/v3/organizations").OkJsonAsync();
        var entry = all.AsArray().Single()!;
        Assert.Equal("POST", entry["method"]!.GetValue<string>());
        Assert.Equal(201, entry["status"]!.GetValue<int>());
        Assert.Contains("journaled", entry["requestBody"]!.GetValue<string>(), StringComparison.Ordinal);

        var unmatched = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/journal?unmatched=true").OkJsonAsync();
        Assert.Equal("/v3/not-a-thing", unmatched.AsArray().Single()!["path"]!.GetValue<string>());

        var token = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/journal?path=/uaa/oauth/token").OkJsonAsync();
        var tokenEntry = token.AsArray().Single()!;
        Assert.DoesNotContain("password=admin", tokenEntry["requestBody"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", tokenEntry["responseBody"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripted_faults_apply_to_matching_requests_the_given_number_of_times()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var fault = await (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/faults", new { kind = "status", path = "/v3/organizations*", status = 503, times = 1 })).JsonAsync(HttpStatusCode.Created);
        Assert.NotNull(fault["id"]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await foundation.Admin.GetAsync("/v3/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await foundation.Admin.GetAsync("/v3/organizations")).StatusCode);

        await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/faults", new { kind = "ratelimit", path = "/v3/*" });
        var limited = await foundation.Admin.GetAsync("/v3/organizations");
        Assert.Equal("1", limited.Headers.RetryAfter!.ToString());
        await limited.AssertCfErrorAsync(HttpStatusCode.TooManyRequests, "CF-RateLimitExceeded", 10013);
        (await foundation.Anonymous.DeleteAsync($"/_fake/foundations/{foundation.Id}/faults")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await foundation.Admin.GetAsync("/v3/organizations")).StatusCode);

        var bad = await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/faults", new { kind = "explode", path = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Job_lifecycle_policies_hold_deletes_until_polled_or_stepped()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = $"/_fake/foundations/{foundation.Id}/lifecycles/job";
        (await foundation.Anonymous.PutAsJsonAsync(admin + "/policy", new { mode = "AfterPolls", polls = 2 })).EnsureSuccessStatusCode();
        var org = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "slow" })).JsonAsync(HttpStatusCode.Created);

        var delete = await foundation.Admin.DeleteAsync($"/v3/organizations/{org.Guid()}");
        var first = await foundation.Admin.GetAsync(delete.Headers.Location).OkJsonAsync();
        Assert.Equal("PROCESSING", first["state"]!.GetValue<string>());
        Assert.Equal($"http://localhost/v3/organizations/{org.Guid()}", first["links"]!["organization"]!["href"]!.GetValue<string>());
        var second = await foundation.Admin.GetAsync(delete.Headers.Location).OkJsonAsync();
        Assert.Equal("COMPLETE", second["state"]!.GetValue<string>());

        (await foundation.Anonymous.PutAsJsonAsync(admin + "/policy", new { mode = "Manual" })).EnsureSuccessStatusCode();
        var other = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "manual" })).JsonAsync(HttpStatusCode.Created);
        var manualDelete = await foundation.Admin.DeleteAsync($"/v3/organizations/{other.Guid()}");
        Assert.Equal("PROCESSING", (await foundation.Admin.GetAsync(manualDelete.Headers.Location).OkJsonAsync())["state"]!.GetValue<string>());
        (await foundation.Anonymous.PostAsJsonAsync(admin + "/step", new { fail = "broker exploded" })).EnsureSuccessStatusCode();
        var failed = await foundation.Admin.GetAsync(manualDelete.Headers.Location).OkJsonAsync();
        Assert.Equal("FAILED", failed["state"]!.GetValue<string>());
        Assert.Equal("broker exploded", failed["errors"]![0]!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await foundation.Admin.GetAsync($"/v3/organizations/{other.Guid()}")).StatusCode);
    }

    [Fact]
    public async Task Time_policies_finish_when_the_clock_passes_them()
    {
        using var foundation = await TestFoundation.CreateAsync();
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/policy", new { mode = "AfterTime", delaySeconds = 30 })).EnsureSuccessStatusCode();
        var org = await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name = "timed" })).JsonAsync(HttpStatusCode.Created);
        var delete = await foundation.Admin.DeleteAsync($"/v3/organizations/{org.Guid()}");
        Assert.Equal("PROCESSING", (await foundation.Admin.GetAsync(delete.Headers.Location).OkJsonAsync())["state"]!.GetValue<string>());

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 31 })).EnsureSuccessStatusCode();

        Assert.Equal("COMPLETE", (await foundation.Admin.GetAsync(delete.Headers.Location).OkJsonAsync())["state"]!.GetValue<string>());
        var lifecycles = await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/lifecycles").OkJsonAsync();
        Assert.Empty(lifecycles["pending"]!.AsArray());
    }
}
