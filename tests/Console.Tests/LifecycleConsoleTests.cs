using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LifecycleConsoleTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task An_app_created_through_the_api_appears_and_stages_when_its_build_is_stepped_from_the_console()
    {
        using var foundation = browser.Fake.CreateFoundation();
        foundation.Builds.Hold();
        var app = await CfApi.CreateAppAsync(foundation.Api, "dev", "console-app");
        var build = await CfApi.StageAsync(foundation.Api, app);
        var page = await browser.OpenAsync(foundation, "resources");

        await Expect(page.Locator("[data-app='console-app']")).ToBeVisibleAsync();
        await Expect(page.Locator($"li[data-guid='{build}']")).ToContainTextAsync("STAGING");
        await ConsoleBrowser.ScreenshotAsync(page, "staging-01-resources-before");

        await page.GetByRole(AriaRole.Link, new() { Name = "Lifecycles" }).ClickAsync();
        var pending = page.Locator($"#pending tr[data-resource='{build}']");
        await Expect(pending).ToContainTextAsync("Manual");
        await ConsoleBrowser.ScreenshotAsync(page, "staging-02-lifecycle-in-flight");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Step", Exact = true }).ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);
        await Expect(page.Locator("#pending")).ToContainTextAsync("Nothing in flight.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Resources" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(page.Locator($"li[data-guid='{build}']")).ToContainTextAsync("STAGED");
        await ConsoleBrowser.ScreenshotAsync(page, "staging-03-resources-after");
        Assert.Equal("STAGED", await BuildStateAsync(foundation.Api, build));
    }

    [Fact]
    public async Task A_policy_set_in_the_console_holds_builds_and_fail_fails_one_with_the_typed_message()
    {
        using var foundation = browser.Fake.CreateFoundation();
        var app = await CfApi.CreateAppAsync(foundation.Api, "dev", "failing-app");
        var page = await browser.OpenAsync(foundation, "lifecycles");
        var kind = page.Locator("#kinds tr[data-kind='build']");
        await kind.GetByLabel("Mode of build").SelectOptionAsync("Manual");
        await kind.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Expect(kind.Locator("td").Nth(1)).ToHaveTextAsync("Manual");

        var build = await CfApi.StageAsync(foundation.Api, app);
        var pending = page.Locator($"#pending tr[data-resource='{build}']");
        await pending.GetByLabel("Failure for " + build).FillAsync("StagingError");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Fail", Exact = true }).ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "lifecycles-failed");

        var failed = JsonNode.Parse(await foundation.Api.GetStringAsync($"/v3/builds/{build}"))!;
        Assert.Equal("FAILED", failed["state"]!.GetValue<string>());
        Assert.Contains("StagingError", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advancing_the_clock_from_the_console_finishes_a_timed_build()
    {
        using var foundation = browser.Fake.CreateFoundation();
        foundation.Builds.After(TimeSpan.FromSeconds(30));
        var build = await CfApi.StageAsync(foundation.Api, await CfApi.CreateAppAsync(foundation.Api, "dev", "timed-app"));
        var page = await browser.OpenAsync(foundation, "lifecycles");
        var pending = page.Locator($"#pending tr[data-resource='{build}']");
        await Expect(pending).ToContainTextAsync("AfterTime");

        await page.GetByLabel("Seconds to advance").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance clock" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("advanced by 30 s");
        await Expect(page.Locator("#clock")).ToContainTextAsync("2026-01-01T00:00:30");

        Assert.Equal("STAGED", await BuildStateAsync(foundation.Api, build));
        await page.ReloadAsync();
        await Expect(pending).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Fail_next_queues_a_failure_that_the_next_build_takes()
    {
        using var foundation = browser.Fake.CreateFoundation();
        var app = await CfApi.CreateAppAsync(foundation.Api, "dev", "unlucky-app");
        var page = await browser.OpenAsync(foundation, "lifecycles");
        var kind = page.Locator("#kinds tr[data-kind='build']");

        await kind.GetByLabel("Next failure of build").FillAsync("NoAppDetectedError - nothing to run");
        await kind.GetByRole(AriaRole.Button, new() { Name = "Fail next" }).ClickAsync();
        await Expect(kind.Locator("td").Nth(3)).ToHaveTextAsync("NoAppDetectedError - nothing to run");
        await ConsoleBrowser.ScreenshotAsync(page, "lifecycles-fail-next");

        var build = JsonNode.Parse(await foundation.Api.GetStringAsync($"/v3/builds/{await CfApi.StageAsync(foundation.Api, app)}"))!;
        Assert.Equal("FAILED", build["state"]!.GetValue<string>());
        Assert.Equal("NoAppDetectedError - nothing to run", build["error"]!.GetValue<string>());
        await Expect(kind.Locator("td").Nth(3)).ToHaveTextAsync(string.Empty);
    }

    private static async Task<string> BuildStateAsync(HttpClient client, string build) =>
        JsonNode.Parse(await client.GetStringAsync($"/v3/builds/{build}"))!["state"]!.GetValue<string>();
}
