using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Domains;

/// <summary>Cloud Controller's validation of domain names.</summary>
public static partial class DomainRules
{
    public static void ValidateName(RequestBody body, string? name)
    {
        if (name is null)
        {
            return;
        }

        if (name.Length < 3)
        {
            body.AddError("name", "is too short (minimum is 3 characters)");
        }
        else if (name.Length > 253)
        {
            body.AddError("name", "is too long (maximum is 253 characters)");
        }

        if (!DomainFormat().IsMatch(name))
        {
            body.AddError("name", "does not comply with RFC 1035 standards");
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            body.AddError("name", "must contain at least one \".\"");
        }

        if (name.Split('.').Any(label => label.Length > 63))
        {
            body.AddError("name", "subdomains must each be at most 63 characters");
        }

        if (!AlphanumericAndHyphens().IsMatch(name))
        {
            body.AddError("name", "must consist of alphanumeric characters and hyphens");
        }
    }

    [GeneratedRegex(@"\A(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\z", RegexOptions.IgnoreCase)]
    private static partial Regex DomainFormat();

    [GeneratedRegex(@"\A[\w\-.]+\z")]
    private static partial Regex AlphanumericAndHyphens();
}
