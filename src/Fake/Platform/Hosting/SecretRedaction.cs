using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>Masks passwords, tokens and credentials before a body is kept in the journal.</summary>
public static partial class SecretRedaction
{
    public static string Redact(string body) =>
        FormSecret().Replace(JsonSecret().Replace(body, "$1\"[REDACTED]\""), "$1[REDACTED]");

    [GeneratedRegex("(\"(?:password|access_token|refresh_token|id_token|client_secret|credentials|token)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^{}]*\\})", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecret();

    [GeneratedRegex("((?:^|&)(?:password|client_secret|refresh_token)=)[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex FormSecret();
}
