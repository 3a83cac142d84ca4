using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class JournalConsoleTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Requests_appear_live_with_their_bodies_and_the_status_filter_narrows_them()
    {
        using var foundation = browser.Fake.CreateFoundation();
        var page = await browser.OpenAsync(foundation, "journal");
        await Expect(page.Locator("#journal-live")).ToBeCheckedAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await foundation.Api.GetAsync("/v3/apps/no-such-app")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await foundation.Api.GetAsync("/v3/stacks")).StatusCode);

        var missing = page.Locator("#journal tr", new() { HasText = "/v3/apps/no-such-app" });
        await Expect(missing).ToContainTextAsync("404");
        await Expect(page.Locator("#journal tr", new() { HasText = "/v3/stacks" })).ToContainTextAsync("200");
        await missing.ClickAsync();
        await Expect(page.Locator("#journal-detail")).ToContainTextAsync("CF-ResourceNotFound");

        await page.GetByLabel("Status filter").FillAsync("404");
        await Expect(page.Locator("#journal tr", new() { HasText = "/v3/stacks" })).ToHaveCountAsync(0);
        await Expect(missing).ToHaveCountAsync(1);
        await ConsoleBrowser.ScreenshotAsync(page, "journal-filtered");
    }

    [Fact]
    public async Task The_consoles_own_reads_are_hidden_until_asked_for()
    {
        using var foundation = browser.Fake.CreateFoundation();
        var page = await browser.OpenAsync(foundation, "resources");
        await Expect(page.Locator("[data-tsuru-app], #tsuru-apps .hint")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Journal" }).ClickAsync();
        await Expect(page.Locator("#journal-hide-console")).ToBeCheckedAsync();
        var reads = page.Locator("#journal tr", new() { HasText = $"/foundations/{foundation.Id}/v3/organizations" });
        await Expect(reads).ToHaveCountAsync(0);
        await page.Locator("#journal-hide-console").UncheckAsync();

        await Expect(reads).ToHaveCountAsync(1);
        await Expect(page.Locator("#journal tr", new() { HasText = $"/foundations/{foundation.Id}/1.0/apps" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Secrets_stay_redacted_in_the_bodies_the_console_shows()
    {
        using var foundation = browser.Fake.CreateFoundation();
        using var login = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "admin", ["password"] = "admin" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/uaa/oauth/token") { Content = login };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("cf:"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await foundation.Anonymous.SendAsync(request)).StatusCode);
        var page = await browser.OpenAsync(foundation, "journal");

        await page.Locator("#journal tr", new() { HasText = "/uaa/oauth/token" }).ClickAsync();

        var detail = page.Locator("#journal-detail");
        await Expect(detail).ToContainTextAsync("password=[REDACTED]");
        await Expect(detail).ToContainTextAsync("\"access_token\": \"[REDACTED]\"");
        await Expect(detail).Not.ToContainTextAsync("password=admin");
        await ConsoleBrowser.ScreenshotAsync(page, "journal-redacted");
    }
}
