namespace CloudFoundry.Fake.Engine;

/// <summary>Process-wide settings of the fake.</summary>
public sealed class FakeOptions
{
    /// <summary>Seed of the default foundation's GUID sequence.</summary>
    public string Seed { get; set; } = "cloudfoundry-fake";

    /// <summary>Time of a new foundation's frozen clock (and of the seeded resources).</summary>
    public DateTimeOffset Epoch { get; set; } = VirtualClock.DefaultEpoch;

    /// <summary>Whether the default foundation's clock follows the wall clock (standalone server) or is frozen.</summary>
    public bool RealTimeClock { get; set; }

    /// <summary>Whether the web console is served at <c>/_fake/console</c> (on in the standalone server, off in the fixtures unless asked).</summary>
    public bool Console { get; set; }

    /// <summary>The lifecycle policies new foundations start with: <c>immediate</c> or <c>realistic</c> (see <see cref="Transitions.LifecyclePresets"/>).</summary>
    public string LifecyclePreset { get; set; } = Transitions.LifecyclePresets.Immediate;

    /// <summary>Per-kind overrides of the preset, e.g. <c>build</c> = <c>time:00:00:10</c>.</summary>
    public Dictionary<string, string> Lifecycles { get; set; } = new(StringComparer.Ordinal);

    public int JournalCapacity { get; set; } = 500;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Name of the shared domain seeded into every foundation.</summary>
    public string SharedDomain { get; set; } = "apps.example.org";

    /// <summary>How long a request to a registered service broker may take (Cloud Controller's <c>broker_client_timeout_seconds</c>).</summary>
    public TimeSpan BrokerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>File the default foundation is loaded from at start and saved to after changes (<c>--state-file</c>); none when null.</summary>
    public string? StateFile { get; set; }

    /// <summary>Who may use the admin API and the console under <c>/_fake</c>.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Lifetime of UAA access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
