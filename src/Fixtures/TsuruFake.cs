using System.Net.WebSockets;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Tsuru;
using Xunit;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// An in-process Tsuru fake for xunit, on the same engine as <see cref="CloudFoundryFake"/>: use it as a class or
/// collection fixture and give each test its own isolated, seeded foundation with <see cref="CreateFoundation"/>.
/// </summary>
public sealed class TsuruFake : IAsyncLifetime, IDisposable
{
    private readonly CloudFoundryFake fake;

    /// <summary>An in-process fake reached through TestServer (no port).</summary>
    public TsuruFake()
        : this(CloudFoundryFake.InProcess())
    {
    }

    private TsuruFake(CloudFoundryFake fake) => this.fake = fake;

    /// <summary>A fake listening on a free loopback port, for the tsuru client or a Go SDK.</summary>
    public static TsuruFake WithKestrel() => new(CloudFoundryFake.WithKestrel());

    /// <summary>The address a non-.NET client connects to (Kestrel mode), or the TestServer's base address.</summary>
    public Uri BaseAddress => fake.BaseAddress;

    /// <summary>Starts the server (called by xunit for fixtures).</summary>
    public Task InitializeAsync() => fake.InitializeAsync();

    /// <summary>A new seeded foundation (admin@example.com / admin, team <c>admin</c>, pool, plans, platforms, the <c>mysql</c> service).</summary>
    public TsuruFoundation CreateFoundation(string? seed = null) => new(fake.CreateFoundation(seed));

    /// <summary>Stops the server (called by xunit for fixtures).</summary>
    public Task DisposeAsync() => fake.DisposeAsync();

    /// <summary>Stops the server.</summary>
    public void Dispose() => fake.Dispose();
}

/// <summary>
/// One isolated foundation of a <see cref="TsuruFake"/>: a Tsuru client logged in as the seeded admin, and the same typed
/// control of clock, deploys, faults and journal as a Cloud Foundry foundation (through <see cref="Controls"/>).
/// Disposing it removes the foundation.
/// </summary>
public sealed class TsuruFoundation : IDisposable
{
    internal TsuruFoundation(FakeFoundation controls)
    {
        Controls = controls;
        Api = controls.TsuruClientFor(TsuruSeed.AdminEmail);
    }

    /// <summary>The foundation's id (also accepted in the <c>X-Fake-Foundation</c> header).</summary>
    public string Id => Controls.Id;

    /// <summary>A Tsuru API client with a session of <c>admin@example.com</c>.</summary>
    public HttpClient Api { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous => Controls.Anonymous;

    /// <summary>Clock, lifecycles, faults, journal, snapshots: the controls the foundation shares with Cloud Foundry.</summary>
    public FakeFoundation Controls { get; }

    /// <summary>The foundation's clock (session expiry and timed lifecycles follow it).</summary>
    public VirtualClock Clock => Controls.Clock;

    /// <summary>Deploys (<c>POST /apps/{app}/deploy</c>): hold, step or fail them.</summary>
    public LifecycleControl Deploys => Controls.TsuruDeploys;

    /// <summary>
    /// Opens a websocket to this foundation of an in-process fake, through TestServer (e.g.
    /// <c>ws://localhost/1.0/apps/web/shell</c> with an <c>Authorization</c> header); the foundation header is added.
    /// A fake made with <see cref="TsuruFake.WithKestrel"/> takes a <see cref="ClientWebSocket"/> at its address instead.
    /// </summary>
    public Task<WebSocket> ConnectWebSocketAsync(Uri address, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken = default) =>
        Controls.ConnectWebSocketAsync(address, headers, cancellationToken);

    /// <summary>A Tsuru client with a session of another user of this foundation.</summary>
    public HttpClient ClientFor(string email) => Controls.TsuruClientFor(email);

    /// <summary>An O(1) copy of this foundation's current state, isolated from it from now on.</summary>
    public TsuruFoundation Fork() => new(Controls.Fork());

    /// <summary>Removes the foundation and its clients.</summary>
    public void Dispose() => Controls.Dispose();
}
