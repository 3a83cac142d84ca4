using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Errors;

/// <summary>One error as Cloud Controller renders it: <c>{"detail", "title", "code"}</c>.</summary>
public sealed record CfError(string Detail, string Title, int Code)
{
    public static CfError FromCatalogue(string name, params object?[] args)
    {
        var entry = ErrorCatalogue.Get(name);
        return new CfError(Format(entry.Message, args), "CF-" + entry.Name, entry.Code);
    }

    /// <summary>Fills a printf-style catalogue template (<c>%s</c>, <c>%d</c>) the way Ruby's sprintf does for strings.</summary>
    private static string Format(string template, object?[] args)
    {
        var next = 0;
        return Regex.Replace(template, "%[sd]", _ => next < args.Length ? Convert.ToString(args[next++], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
