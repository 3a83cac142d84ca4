using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

/// <summary>Cloud Controller's validation of label and annotation keys and values, with its messages.</summary>
public static partial class MetadataRules
{
    private const int MaxNameSize = 63;
    private const int MaxPrefixSize = 253;
    private const int MaxAnnotationValueSize = 5000;

    public static string? KeyError(string key)
    {
        if (key.Length == 0)
        {
            return "key cannot be empty string";
        }

        if (key.Count(character => character == '/') > 1)
        {
            return "key has more than one '/'";
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash >= 0 ? key[..slash] : null;
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (prefix is not null && !DomainFormat().IsMatch(prefix))
        {
            return $"prefix '{prefix}' must be in valid dns format";
        }

        if (prefix is not null && prefix.Length > MaxPrefixSize)
        {
            return $"prefix '{prefix[..8]}...' is greater than {MaxPrefixSize} characters";
        }

        if (string.Equals(prefix, "cloudfoundry.org", StringComparison.OrdinalIgnoreCase))
        {
            return "prefix 'cloudfoundry.org' is reserved";
        }

        return name.Length == 0 ? "key cannot be empty string" : NameOrValueError(name);
    }

    public static string? LabelValueError(string value) => value.Length == 0 ? null : NameOrValueError(value);

    public static string? AnnotationValueError(string value) =>
        value.Length > MaxAnnotationValueSize ? $"'{value[..8]}...' is greater than {MaxAnnotationValueSize} characters" : null;

    private static string? NameOrValueError(string text)
    {
        if (InvalidCharacter().IsMatch(text))
        {
            return $"'{text}' contains invalid characters";
        }

        if (!AlphanumericEnds().IsMatch(text))
        {
            return $"'{text}' starts or ends with invalid characters";
        }

        return text.Length > MaxNameSize ? $"'{text[..8]}...' is greater than {MaxNameSize} characters" : null;
    }

    [GeneratedRegex(@"[^\w\-.]")]
    private static partial Regex InvalidCharacter();

    [GeneratedRegex(@"\A(?=[a-zA-Z\d]).*[a-zA-Z\d]\z", RegexOptions.Singleline)]
    private static partial Regex AlphanumericEnds();

    [GeneratedRegex(@"\A(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\z", RegexOptions.IgnoreCase)]
    private static partial Regex DomainFormat();
}
