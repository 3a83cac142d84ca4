using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>The server's rule for app, volume and cluster names: a lower-case letter, then up to 39 letters, digits or dashes.</summary>
public static partial class TsuruNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Whether a name matches a list's <c>name</c> filter (a regular expression; an empty one matches all).</summary>
    public static bool MatchesFilter(string name, string filter)
    {
        try
        {
            return filter.Length == 0 || Regex.IsMatch(name, filter, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw TsuruException.BadRequest($"error parsing regexp: invalid pattern `{filter}`");
        }
        catch (RegexMatchTimeoutException)
        {
            throw TsuruException.BadRequest($"error parsing regexp: pattern too complex `{filter}`");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Pattern();
}
