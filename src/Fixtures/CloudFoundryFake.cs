using CloudFoundry.Fake.Engine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// An in-process Cloud Foundry fake for xunit: use it as a class or collection fixture, then give each test its own
/// isolated foundation with <see cref="CreateFoundation"/> (seeded) or by forking one you prepared (O(1)).
/// Clocks are frozen at 2026-01-01T00:00:00Z and move only when a test advances them.
/// </summary>
public sealed class CloudFoundryFake : IAsyncLifetime, IDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private int counter;

    /// <summary>An in-process fake reached through TestServer (no port).</summary>
    public CloudFoundryFake()
        : this(kestrel: false, console: false)
    {
    }

    /// <summary>
    /// Where WebApplicationFactory looks for the fake's content root. From a package there is no source tree to find,
    /// so the test's output folder (which holds the fake's deps.json) is the root unless the variable is already set.
    /// </summary>
    private const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_CLOUDFOUNDRY_FAKE";

    private CloudFoundryFake(bool kestrel, bool console)
    {
        if (Environment.GetEnvironmentVariable(ContentRootVariable) is null)
        {
            Environment.SetEnvironmentVariable(ContentRootVariable, AppContext.BaseDirectory);
        }

        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Fake:RealTimeClock", "false");
            builder.UseSetting("Fake:LifecyclePreset", "immediate");
            builder.UseSetting("Fake:Console", console ? "true" : "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("urls", "http://127.0.0.1:0");
        });
        if (kestrel)
        {
            factory.UseKestrel(0);
        }
    }

    /// <summary>A fake listening on a free loopback port, for clients that are not .NET (the cf CLI, Go or Python SDKs).</summary>
    /// <param name="console">Whether to serve the web console at <see cref="ConsoleAddress"/> (off by default).</param>
    public static CloudFoundryFake WithKestrel(bool console = false) => new(kestrel: true, console);

    /// <summary>The address a non-.NET client connects to (Kestrel mode), or the TestServer's base address.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    /// <summary>The web console's page (served only when asked for with <see cref="WithKestrel"/>).</summary>
    public Uri ConsoleAddress => new(BaseAddress, "/_fake/console/");

    /// <summary>Every foundation of this fake (the engine itself).</summary>
    public Foundations Foundations => factory.Services.GetRequiredService<Foundations>();

    /// <summary>Starts the server (called by xunit for fixtures).</summary>
    public Task InitializeAsync()
    {
        factory.StartServer();
        var addresses = factory.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses?.FirstOrDefault(address => address.StartsWith("http", StringComparison.Ordinal)) is { } address)
        {
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }

        return Task.CompletedTask;
    }

    /// <summary>A new seeded foundation (admin/admin, system org, shared domain, stacks, buildpacks) for one test.</summary>
    public FakeFoundation CreateFoundation(string? seed = null) =>
        new(this, Foundations.Create($"fixture-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}", seed));

    internal FakeFoundation Fork(Foundation source) =>
        new(this, Foundations.Fork(source, $"{source.Id}-fork-{Interlocked.Increment(ref counter)}"));

    internal HttpClient CreateHttpClient() => factory.CreateClient();

    internal IServiceProvider Services => factory.Services;

    /// <summary>Stops the server (called by xunit for fixtures).</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops the server.</summary>
    public void Dispose() => factory.Dispose();
}
