namespace CloudFoundry.Fake.Hosting;

/// <summary>
/// Short command-line switches of the standalone server, rewritten into the configuration keys they stand for:
/// <c>--state-file PATH</c>, <c>--admin-key KEY</c> and <c>--no-admin</c>.
/// </summary>
public static class CommandLineAliases
{
    private static readonly Dictionary<string, string> WithValue = new(StringComparer.Ordinal)
    {
        ["--state-file"] = "Fake:StateFile",
        ["--admin-key"] = "Fake:Admin:Key",
    };

    public static string[] Expand(string[] args)
    {
        var expanded = new List<string>(args.Length);
        for (var index = 0; index < args.Length; index++)
        {
            var arg = args[index];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (arg == "--no-admin")
            {
                expanded.Add("--Fake:Admin:Enabled=false");
            }
            else if (WithValue.TryGetValue(name, out var key) && (equals >= 0 || index + 1 < args.Length))
            {
                expanded.Add($"--{key}={(equals >= 0 ? arg[(equals + 1)..] : args[++index])}");
            }
            else
            {
                expanded.Add(arg);
            }
        }

        return [.. expanded];
    }
}
