using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudFoundry.Fake.Tests.Support;

/// <summary>One in-process fake for the whole test run; every test gets its own foundation in it.</summary>
public static class FakeApp
{
    private static readonly Lazy<WebApplicationFactory<Program>> Shared = new(() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Fake:RealTimeClock", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }));

    public static WebApplicationFactory<Program> Factory => Shared.Value;
}
