namespace CloudFoundry.Fake.Conformance;

/// <summary>The conformance tool's options.</summary>
public sealed record CommandLine(
    string? Target,
    string Username,
    string Password,
    string? ClientId,
    string? ClientSecret,
    bool SkipSslValidation,
    string Spec,
    string? Only,
    string? ReportDirectory,
    bool DryRun,
    bool AllowGlobalChanges,
    string? Compare = null,
    string? Record = null,
    string? Replay = null,
    string? BrokerUrl = null)
{
    /// <summary>Whether the run is against Tsuru (<c>--spec tsuru</c>): Tsuru's login, no Cloud Foundry flows.</summary>
    public bool IsTsuru => Spec.StartsWith("tsuru", StringComparison.Ordinal);

    /// <summary>Usage text.</summary>
    public const string Help = """
        usage: dotnet run --project src/Conformance -- --target URL [options]
               dotnet run --project src/Conformance -- --replay DIR [options]
          --target URL              API root of the foundation (the fake: http://localhost:8080)
          --username, --password    log in through the target's UAA as this user (default admin / admin); with
                                    --spec tsuru, through Tsuru's native login (default admin@example.com / admin)
          --client-id, --client-secret
                                    log in with a client credentials grant instead
          --skip-ssl-validation     accept self-signed certificates
          --spec NAME               the spec whose operations are run: cloudfoundry-v3 (default), cloudfoundry-v2-apps,
                                    tsuru (a Tsuru API), or none for the curated scenarios only
          --only NAME               one curated scenario, or one tag or operationId of the spec
          --compare URL             run the same checks against a second target (same login) and diff every answer
                                    with the first after normalization (GUIDs by first appearance, timestamps, hosts,
                                    run prefixes); accepted differences: specs/scenarios/known-differences/compare.json
          --record DIR              save every exchange with the target (login included) as WireMock.Net mapping files in
                                    DIR; tokens, passwords, client secrets and service credentials are scrubbed
          --replay DIR              serve a recorded DIR with an in-process WireMock.Net server: it is the target when
                                    --target is not given, else the second target of the comparison (like --compare)
          --report DIR              write conformance.junit.xml, conformance.md and conformance.html into DIR
          --broker-url URL          an OSBAPI broker serving the fake's sample catalog (a fake's /_fake/broker reachable
                                    from the target; basic auth as user info, default broker:broker) that the run
                                    registers to check the broker, offering and plan operations and a managed route
                                    service; against the fake its own broker is used, elsewhere they are skipped without it
          --dry-run                 list what would be sent, send nothing
          --allow-global-changes    also run operations that change foundation-wide state (feature flags, purges);
                                    for fakes and sandboxes only
          --help                    this text
        Everything the suite creates is named cfc-<run>-N and deleted at the end, also after a failure or Ctrl-C.
        exit code: 0 when every check passed, 1 when some failed, 2 on bad arguments
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--skip-ssl-validation", "--dry-run", "--allow-global-changes" };
    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal)
    {
        "--target", "--username", "--password", "--client-id", "--client-secret", "--spec", "--only", "--report", "--compare",
        "--record", "--replay", "--broker-url",
    };

    /// <summary>Parses arguments; null when they are invalid or help was asked for.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < args.Count; index++)
        {
            if (Flags.Contains(args[index]))
            {
                flags.Add(args[index]);
            }
            else if (Valued.Contains(args[index]) && index + 1 < args.Count)
            {
                values[args[index]] = args[++index];
            }
            else
            {
                return null;
            }
        }

        var target = values.GetValueOrDefault("--target");
        var replay = values.GetValueOrDefault("--replay");
        if ((target is null ? replay is null : !Uri.IsWellFormedUriString(target, UriKind.Absolute))
            || (values.TryGetValue("--compare", out var compare) && (!Uri.IsWellFormedUriString(compare, UriKind.Absolute) || replay is not null))
            || values.ContainsKey("--client-id") != values.ContainsKey("--client-secret")
            || (values.TryGetValue("--broker-url", out var broker) && !Uri.IsWellFormedUriString(broker, UriKind.Absolute)))
        {
            return null;
        }

        var spec = values.GetValueOrDefault("--spec", "cloudfoundry-v3");
        return new CommandLine(
            target,
            values.GetValueOrDefault("--username", spec.StartsWith("tsuru", StringComparison.Ordinal) ? "admin@example.com" : "admin"),
            values.GetValueOrDefault("--password", "admin"),
            values.GetValueOrDefault("--client-id"),
            values.GetValueOrDefault("--client-secret"),
            flags.Contains("--skip-ssl-validation"),
            spec,
            values.GetValueOrDefault("--only"),
            values.GetValueOrDefault("--report"),
            flags.Contains("--dry-run"),
            flags.Contains("--allow-global-changes"),
            values.GetValueOrDefault("--compare"),
            values.GetValueOrDefault("--record"),
            replay,
            values.GetValueOrDefault("--broker-url"));
    }
}
