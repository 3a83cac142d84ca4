using System.Globalization;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// A real Cloud Foundry for <see cref="CloudFoundryFake"/> to run against instead of the fake: its API address and the
/// credentials of a user (password grant as client <c>cf</c>) or of an OAuth client (client credentials grant).
/// </summary>
/// <param name="Api">The Cloud Controller's address, e.g. <c>https://api.sys.example.com</c>.</param>
/// <param name="Username">A user allowed to create organizations (an admin), with <paramref name="Password"/>.</param>
/// <param name="Password">The user's password.</param>
/// <param name="ClientId">An OAuth client for a client credentials grant, used when no user is given.</param>
/// <param name="ClientSecret">The client's secret.</param>
/// <param name="SkipSslValidation">Accept any TLS certificate (self-signed foundations), like <c>cf api --skip-ssl-validation</c>.</param>
/// <param name="RunPrefix">Prefix of every name the builders give, so a run's leftovers are easy to find and remove.</param>
public sealed record CloudFoundryTarget(
    Uri Api,
    string? Username = null,
    string? Password = null,
    string? ClientId = null,
    string? ClientSecret = null,
    bool SkipSslValidation = false,
    string? RunPrefix = null)
{
    /// <summary>The API address (<c>https://api.example.com</c>); when unset the fixture runs the fake.</summary>
    public const string TargetVariable = "CF_FAKE_TARGET";

    /// <summary>The user to log in as (password grant).</summary>
    public const string UsernameVariable = "CF_FAKE_USERNAME";

    /// <summary>The user's password.</summary>
    public const string PasswordVariable = "CF_FAKE_PASSWORD";

    /// <summary>An OAuth client to log in as (client credentials grant) when no user is given.</summary>
    public const string ClientIdVariable = "CF_FAKE_CLIENT_ID";

    /// <summary>The OAuth client's secret.</summary>
    public const string ClientSecretVariable = "CF_FAKE_CLIENT_SECRET";

    /// <summary><c>true</c> to accept any TLS certificate.</summary>
    public const string SkipSslValidationVariable = "CF_FAKE_SKIP_SSL_VALIDATION";

    /// <summary>Prefix of the names the builders give (default: <c>cffake-</c>, the UTC start time of the run and a random tag).</summary>
    public const string RunPrefixVariable = "CF_FAKE_RUN_PREFIX";

    /// <summary>How long to wait between polls of jobs, packages, builds and instances on the target.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for a job, package, build or instance before giving up.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The target the process environment names, or null when <c>CF_FAKE_TARGET</c> is unset (run the fake).</summary>
    public static CloudFoundryTarget? FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>The target described by these variables (same names as the environment), or null without <c>CF_FAKE_TARGET</c>.</summary>
    public static CloudFoundryTarget? FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var api = variable(TargetVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            return null;
        }

        if (!Uri.TryCreate(api.Contains("://", StringComparison.Ordinal) ? api : "https://" + api, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"{TargetVariable} is not a URL: '{api}'.");
        }

        var target = new CloudFoundryTarget(
            uri,
            Blank(variable(UsernameVariable)),
            Blank(variable(PasswordVariable)),
            Blank(variable(ClientIdVariable)),
            Blank(variable(ClientSecretVariable)),
            variable(SkipSslValidationVariable) is { } skip && (skip == "1" || skip.Equals("true", StringComparison.OrdinalIgnoreCase)),
            Blank(variable(RunPrefixVariable)));
        if (target.Username is null && target.ClientId is null)
        {
            throw new ArgumentException($"{TargetVariable} is set but neither {UsernameVariable} nor {ClientIdVariable} is.");
        }

        return target;
    }

    /// <summary>The prefix names get: <see cref="RunPrefix"/>, or <c>cffake-</c>, the UTC time of <paramref name="now"/> and a random tag.</summary>
    internal string EffectiveRunPrefix(DateTimeOffset now) =>
        RunPrefix ?? string.Create(CultureInfo.InvariantCulture, $"cffake-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
