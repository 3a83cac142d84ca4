using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class TsuruConsoleTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Tsuru_apps_appear_with_their_units()
    {
        using var foundation = browser.Fake.CreateFoundation();
        using var tsuru = new HttpClient { BaseAddress = new Uri(browser.Fake.BaseAddress, $"/foundations/{foundation.Id}/") };
        var session = await tsuru.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/tsuru/tokens", new { });
        session.EnsureSuccessStatusCode();
        tsuru.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", JsonNode.Parse(await session.Content.ReadAsStringAsync())!["token"]!.GetValue<string>());
        using var app = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "tsuru-web", ["platform"] = "python", ["teamOwner"] = "admin" });
        (await tsuru.PostAsync("1.0/apps", app)).EnsureSuccessStatusCode();
        using var units = new FormUrlEncodedContent(new Dictionary<string, string> { ["units"] = "2", ["process"] = "web" });
        (await tsuru.PutAsync("1.0/apps/tsuru-web/units", units)).EnsureSuccessStatusCode();

        var page = await browser.OpenAsync(foundation, "resources");

        var listed = page.Locator("#tsuru-apps details", new() { Has = page.Locator("[data-tsuru-app='tsuru-web']") });
        await Expect(listed).ToContainTextAsync("2 unit(s)");
        await Expect(listed.Locator("li")).ToHaveCountAsync(2);
        await Expect(listed.Locator("li").First).ToContainTextAsync("started");
        await ConsoleBrowser.ScreenshotAsync(page, "tsuru-apps");
    }
}
