namespace CloudFoundry.Fake.Conformance;

/// <summary>The conformance tool's options.</summary>
public sealed record CommandLine(string Target, string Username, string Password, bool SkipSslValidation, string? Only, string? ReportDirectory)
{
    /// <summary>Usage text.</summary>
    public const string Help = """
        usage: dotnet run --project src/Conformance -- --target URL [--username NAME --password SECRET]
                                                      [--skip-ssl-validation] [--only SCENARIO] [--report DIR]
          --target               API root of the foundation (the fake: http://localhost:8080)
          --username, --password login through the target's UAA (default admin / admin)
          --only                 run one scenario: foundation, app-lifecycle
          --report               write conformance.junit.xml and conformance.md into DIR
        exit code: 0 when every check passed, 1 when some failed, 2 on bad arguments
        """;

    /// <summary>Parses arguments; null when they are invalid or help was asked for.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipSsl = false;
        for (var index = 0; index < args.Count; index++)
        {
            switch (args[index])
            {
                case "--skip-ssl-validation":
                    skipSsl = true;
                    break;
                case "--target" or "--username" or "--password" or "--only" or "--report" when index + 1 < args.Count:
                    values[args[index]] = args[++index];
                    break;
                default:
                    return null;
            }
        }

        return values.TryGetValue("--target", out var target) && Uri.IsWellFormedUriString(target, UriKind.Absolute)
            ? new CommandLine(target, values.GetValueOrDefault("--username", "admin"), values.GetValueOrDefault("--password", "admin"), skipSsl,
                values.GetValueOrDefault("--only"), values.GetValueOrDefault("--report"))
            : null;
    }
}
