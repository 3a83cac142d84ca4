using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>The server's rule for app, volume and cluster names: a lower-case letter, then up to 39 letters, digits or dashes.</summary>
public static partial class TsuruNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Pattern();
}
