using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FaultConsoleTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_fault_added_in_the_console_breaks_its_route_until_it_is_removed()
    {
        using var foundation = browser.Fake.CreateFoundation();
        var page = await browser.OpenAsync(foundation, "faults");

        await page.GetByLabel("Fault kind").SelectOptionAsync("Status");
        await page.GetByLabel("Path pattern").FillAsync("/v3/stacks*");
        await page.GetByLabel("Fault status").FillAsync("503");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add fault" }).ClickAsync();

        var fault = page.Locator("#faults tr", new() { HasText = "/v3/stacks*" });
        await Expect(fault).ToContainTextAsync("503");
        await Expect(fault).ToContainTextAsync("always");
        await ConsoleBrowser.ScreenshotAsync(page, "faults");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await foundation.Api.GetAsync("/v3/stacks")).StatusCode);

        await fault.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(fault).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await foundation.Api.GetAsync("/v3/stacks")).StatusCode);
    }
}
