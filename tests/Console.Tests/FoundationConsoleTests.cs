using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FoundationConsoleTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Snapshot_and_restore_buttons_bring_a_foundation_back_and_fork_copies_it()
    {
        using var foundation = browser.Fake.CreateFoundation();
        var page = await browser.OpenAsync(foundation, "foundations");
        var row = page.Locator($"#foundations tr[data-foundation='{foundation.Id}']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Snapshot" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Snapshot");
        await Expect(row.GetByLabel("Snapshots of " + foundation.Id)).ToBeVisibleAsync();
        await CfApi.CreateAppAsync(foundation.Api, "later", "added-after-snapshot");
        Assert.Equal(1, await AppCountAsync(foundation.Api));

        await row.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Restored " + foundation.Id);
        Assert.Equal(0, await AppCountAsync(foundation.Api));

        await row.GetByRole(AriaRole.Button, new() { Name = "Fork" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync($"Forked {foundation.Id} into ");
        var fork = (await page.Locator("#status").TextContentAsync())!.Split(" into ")[1].TrimEnd('.');
        Assert.NotNull(browser.Fake.Foundations.Find(fork));
        await ConsoleBrowser.ScreenshotAsync(page, "foundations");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator($"#foundations tr[data-foundation='{fork}']").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator($"#foundations tr[data-foundation='{fork}']")).ToHaveCountAsync(0);
        Assert.Null(browser.Fake.Foundations.Find(fork));
    }

    [Fact]
    public async Task Reset_returns_a_foundation_to_its_seed_after_confirmation()
    {
        using var foundation = browser.Fake.CreateFoundation();
        await CfApi.CreateAppAsync(foundation.Api, "dev", "to-be-reset");
        var page = await browser.OpenAsync(foundation, "foundations");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.Locator($"#foundations tr[data-foundation='{foundation.Id}']").GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();

        await Expect(page.Locator("#status")).ToContainTextAsync("Reset " + foundation.Id);
        Assert.Equal(0, await AppCountAsync(foundation.Api));
    }

    [Fact]
    public async Task A_console_opened_under_a_foundation_prefix_starts_on_that_foundation()
    {
        using var foundation = browser.Fake.CreateFoundation();
        await CfApi.CreateAppAsync(foundation.Api, "prefixed", "prefixed-app");

        var page = await browser.OpenAsync(new Uri(browser.Fake.BaseAddress, $"/foundations/{foundation.Id}/_fake/console#view=resources"));

        Assert.EndsWith($"/foundations/{foundation.Id}/_fake/console/#view=resources", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByLabel("Foundation", new() { Exact = true })).ToHaveValueAsync(foundation.Id);
        await Expect(page.Locator("[data-app='prefixed-app']")).ToBeVisibleAsync();
    }

    private static async Task<int> AppCountAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/v3/apps"))!["pagination"]!["total_results"]!.GetValue<int>();
}
