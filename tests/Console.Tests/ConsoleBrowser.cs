using CloudFoundry.Fake.Fixtures;
using Microsoft.Playwright;

namespace CloudFoundry.Fake.Console.Tests;

/// <summary>
/// The fake on a loopback port with its console on, and Debian's headless Chromium driven by Playwright. A missing
/// browser fails the tests: <c>.ci/run</c> installs it.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public CloudFoundryFake Fake { get; } = CloudFoundryFake.WithKestrel(console: true);

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await Fake.InitializeAsync();
        var executable = Environment.GetEnvironmentVariable("CONSOLE_TESTS_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : Candidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException("No Chromium found (looked for /usr/bin/chromium and /usr/bin/chromium-browser): apt-get install -y chromium, as .ci/run does.");
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A new page (own context) on the console, showing one view of one foundation.</summary>
    public Task<IPage> OpenAsync(FakeFoundation foundation, string view) =>
        OpenAsync(new Uri($"{Fake.ConsoleAddress}#view={view}&foundation={foundation.Id}"));

    /// <summary>A new page (own context) on any address of the fake.</summary>
    public async Task<IPage> OpenAsync(Uri address)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(address.ToString());
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Fake.DisposeAsync();
    }
}
