using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleViewsTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Every_view_renders_without_script_errors_or_requests_outside_the_fake()
    {
        using var foundation = browser.Fake.CreateFoundation();
        await CfApi.StageAsync(foundation.Api, await CfApi.CreateAppAsync(foundation.Api, "dev", "tour-app"));
        var page = await browser.OpenAsync(foundation, "foundations");
        var errors = new List<string>();
        var outside = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.Fake.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };
        await page.ReloadAsync();

        var views = new Dictionary<string, ILocator>
        {
            ["Foundations"] = page.Locator($"#foundations tr[data-foundation='{foundation.Id}']"),
            ["Resources"] = page.Locator("[data-app='tour-app']"),
            ["Journal"] = page.Locator("#journal tr", new() { HasText = "POST" }).Filter(new() { HasText = "/v3/builds" }),
            ["Lifecycles"] = page.Locator("#kinds tr[data-kind='build']"),
            ["Faults"] = page.Locator("#faults", new() { HasText = "No faults scripted." }),
        };
        foreach (var (view, content) in views)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = view }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).Filter(new() { Visible = true })).ToContainTextAsync(view is "Journal" ? "Request journal" : view is "Faults" ? "Scripted faults" : view);
            await Expect(content).ToBeVisibleAsync();
            await ConsoleBrowser.ScreenshotAsync(page, "view-" + view.ToLowerInvariant());
        }

        Assert.Empty(errors);
        Assert.Empty(outside);
        await Expect(page.Locator("#status.error")).ToHaveCountAsync(0);
    }
}
