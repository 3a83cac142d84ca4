using CloudFoundry.Fake.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudFoundry.Fake.Console.Tests;

/// <summary>A standalone server started with <c>--admin-key</c>: the console takes the key once and keeps using it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminKeyConsoleTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task The_console_takes_the_admin_key_from_its_address_or_asks_for_it()
    {
        await using var server = FakeServer.Create(["--urls", "http://127.0.0.1:0", "--admin-key", "s3cret", "--Fake:Console=true", "--Fake:RealTimeClock=false", "--Logging:LogLevel:Default=Warning"]);
        await server.StartAsync();
        var console = server.Urls.First() + "/_fake/console/";

        var keyed = await browser.OpenAsync(new Uri(console + "?key=s3cret"));
        await Expect(keyed.Locator("#foundations tr[data-foundation='default']")).ToBeVisibleAsync();
        Assert.DoesNotContain("s3cret", keyed.Url, StringComparison.Ordinal);

        var refused = await browser.OpenAsync(new Uri(console));
        await Expect(refused.Locator("#status")).ToContainTextAsync("401 The admin API needs the admin key in the X-Fake-Admin-Key header.");

        var asking = await browser.OpenAsync(new Uri("about:blank"));
        asking.Dialog += (_, dialog) => dialog.AcceptAsync("s3cret");
        await asking.GotoAsync(console);
        await Expect(asking.Locator("#foundations tr[data-foundation='default']")).ToBeVisibleAsync();
        await server.StopAsync();
    }
}
