using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>The server's <c>validation.ValidateName</c>: a lower-case letter then up to 39 letters, digits or dashes.</summary>
public static partial class TsuruNames
{
    public static bool IsValid(string name) => Format().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Format();
}
