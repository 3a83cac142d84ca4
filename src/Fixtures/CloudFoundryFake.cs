using System.Net.WebSockets;
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
/// When the environment names a real Cloud Foundry (<c>CF_FAKE_TARGET</c>, see <see cref="CloudFoundryTarget"/>), the same
/// fixture runs against it instead: see <see cref="IsFake"/>.
/// </summary>
public sealed class CloudFoundryFake : IAsyncLifetime, IDisposable
{
    /// <summary>
    /// Where WebApplicationFactory looks for the fake's content root. From a package there is no source tree to find,
    /// so the test's output folder (which holds the fake's deps.json) is the root unless the variable is already set.
    /// </summary>
    private const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_CLOUDFOUNDRY_FAKE";

    private readonly WebApplicationFactory<Program>? factory;
    private readonly TargetSession? session;
    private readonly string runPrefix = "test";
    private readonly bool listens;
    private int counter;

    /// <summary>
    /// An in-process fake reached through TestServer (no port), or the real Cloud Foundry the environment names
    /// (<see cref="CloudFoundryTarget.FromEnvironment"/>).
    /// </summary>
    public CloudFoundryFake()
        : this(CloudFoundryTarget.FromEnvironment())
    {
    }

    private CloudFoundryFake(CloudFoundryTarget? target)
    {
        if (target is null)
        {
            factory = CreateFactory(kestrel: false, console: false);
            return;
        }

        session = new TargetSession(target);
        runPrefix = target.EffectiveRunPrefix(DateTimeOffset.UtcNow);
        BaseAddress = target.Api;
    }

    private CloudFoundryFake(bool kestrel, bool console)
    {
        factory = CreateFactory(kestrel, console);
        listens = kestrel;
    }

    /// <summary>An in-process fake reached through TestServer, whatever the environment says.</summary>
    public static CloudFoundryFake InProcess() => new(kestrel: false, console: false);

    /// <summary>The fixture run against a real Cloud Foundry (or any server that speaks its API, such as a fake in Kestrel mode).</summary>
    public static CloudFoundryFake ForTarget(CloudFoundryTarget target) => new(target ?? throw new ArgumentNullException(nameof(target)));

    private static WebApplicationFactory<Program> CreateFactory(bool kestrel, bool console)
    {
        if (Environment.GetEnvironmentVariable(ContentRootVariable) is null)
        {
            Environment.SetEnvironmentVariable(ContentRootVariable, AppContext.BaseDirectory);
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
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

        return factory;
    }

    /// <summary>Whether this fixture runs the fake (true) or a real Cloud Foundry (false).</summary>
    public bool IsFake => factory is not null;

    /// <summary>The seed of the builders' Bogus names (<see cref="FakeFoundation.Given"/>): the same seed gives the same names.</summary>
    public int BuilderSeed { get; init; } = 20260101;

    /// <summary>A fake listening on a free loopback port, for clients that are not .NET (the cf CLI, Go or Python SDKs).</summary>
    /// <param name="console">Whether to serve the web console at <see cref="ConsoleAddress"/> (off by default).</param>
    public static CloudFoundryFake WithKestrel(bool console = false) => new(kestrel: true, console);

    /// <summary>The address a non-.NET client connects to (Kestrel mode), or the TestServer's base address.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    /// <summary>The web console's page (served only when asked for with <see cref="WithKestrel"/>).</summary>
    public Uri ConsoleAddress => new(BaseAddress, "/_fake/console/");

    /// <summary>Every foundation of this fake (the engine itself).</summary>
    public Foundations Foundations => Services.GetRequiredService<Foundations>();

    /// <summary>Starts the server, or logs in to the real Cloud Foundry (called by xunit for fixtures).</summary>
    public async Task InitializeAsync()
    {
        if (session is not null)
        {
            await session.ConnectAsync();
            return;
        }

        Fake.StartServer();
        var addresses = Fake.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses?.FirstOrDefault(address => address.StartsWith("http", StringComparison.Ordinal)) is { } address)
        {
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// A new seeded foundation (admin/admin, system org, shared domain, stacks, buildpacks) for one test. Against a real
    /// Cloud Foundry: a view of it whose builders name things with a prefix of their own and delete them at dispose
    /// (<paramref name="seed"/> is then ignored).
    /// </summary>
    public FakeFoundation CreateFoundation(string? seed = null) => session is null
        ? new(this, Foundations.Create($"fixture-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}", seed))
        : new(this, session, $"{runPrefix}-{Interlocked.Increment(ref counter)}");

    internal FakeFoundation Fork(Foundation source) =>
        new(this, Foundations.Fork(source, $"{source.Id}-fork-{Interlocked.Increment(ref counter)}"));

    internal HttpClient CreateHttpClient() => Fake.CreateClient();

    /// <summary>A websocket to this in-process fake, through TestServer.</summary>
    internal Task<WebSocket> ConnectWebSocketAsync(Uri address, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (listens)
        {
            throw new InvalidOperationException("This fake listens on a port: connect a ClientWebSocket to its BaseAddress instead.");
        }

        var client = Fake.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            foreach (var (name, value) in headers)
            {
                request.Headers[name] = value;
            }
        };
        return client.ConnectAsync(address, cancellationToken);
    }

    internal IServiceProvider Services => Fake.Services;

    private WebApplicationFactory<Program> Fake => factory ?? throw FakeOnly.Error("CloudFoundryFake.IsFake");

    /// <summary>Stops the server (called by xunit for fixtures).</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops the server (or closes the connection to the real Cloud Foundry).</summary>
    public void Dispose()
    {
        factory?.Dispose();
        session?.Dispose();
    }
}
