using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Checks the names of variables to set on an app or a job: unix-like names only, and none of the internal ones.
/// One problem is reported as is, several as the server's numbered multi-error.
/// </summary>
public static partial class TsuruEnvNames
{
    private static readonly string[] Internal = ["TSURU_APPNAME", "TSURU_APP_TOKEN", "TSURU_SERVICE", "TSURU_APPDIR"];

    public static void Validate(IEnumerable<string> names)
    {
        var problems = names.Select(Problem).OfType<string>().ToList();
        if (problems.Count == 0)
        {
            return;
        }

        var text = problems.Count == 1
            ? problems[0]
            : $"multiple errors reported ({problems.Count}):\n" + string.Concat(problems.Select((problem, index) => $"error #{index}: {problem}\n"));
        throw TsuruException.BadRequest($"There were errors validating environment variables: {text}");
    }

    private static string? Problem(string name) =>
        Internal.Contains(name) ? $"cannot change an internal environment variable ({name}): write-protected environment variable"
        : UnixLike().IsMatch(name) ? null
        : $"\"{name}\" is not valid environment variable name: a valid environment variable name must consist of alphabetic characters, digits, '_' and must not start with a digit: invalid environment variable name";

    [GeneratedRegex("^[_a-zA-Z][_a-zA-Z0-9]*$")]
    private static partial Regex UnixLike();
}
