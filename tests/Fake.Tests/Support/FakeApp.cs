using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudFoundry.Fake.Tests.Support;

/// <summary>
/// One in-process fake for the whole test run; every test gets its own foundation in it. The server is started inside
/// the lazy initialisation: WebApplicationFactory does not start it thread-safely, and parallel tests touching
/// <c>Services</c> and <c>CreateClient</c> at once would otherwise get two servers.
/// </summary>
public static class FakeApp
{
    private static readonly Lazy<WebApplicationFactory<Program>> Shared = new(() => Start());

    public static WebApplicationFactory<Program> Factory => Shared.Value;

    /// <summary>A fake of its own, started, with the shared fake's settings plus <paramref name="settings"/>; the caller disposes it.</summary>
    public static WebApplicationFactory<Program> Start(params (string Key, string Value)[] settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Fake:RealTimeClock", "false");
            builder.UseSetting("Fake:LifecyclePreset", "immediate");
            builder.UseSetting("Fake:BrokerTimeout", "00:00:05");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _ = factory.Server;
        return factory;
    }
}
