using System.Net;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

/// <summary>
/// The query string as sent, keys in order. List values are decoded first and then split on commas, as Rails
/// does for Cloud Controller: clients (the cf CLI among them) send <c>guids=a%2Cb</c> for two guids.
/// </summary>
public sealed class RawQuery
{
    private readonly List<KeyValuePair<string, string>> pairs = [];

    private RawQuery()
    {
    }

    public IEnumerable<string> Keys => pairs.Select(pair => pair.Key).Distinct(StringComparer.Ordinal);

    public static RawQuery Parse(string? queryString)
    {
        var query = new RawQuery();
        foreach (var part in (queryString ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            query.pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        return query;
    }

    public bool Has(string key) => pairs.Exists(pair => pair.Key == key);

    /// <summary>The decoded value of the last occurrence of a key (Rails keeps the last).</summary>
    public string? Single(string key)
    {
        var index = pairs.FindLastIndex(pair => pair.Key == key);
        return index < 0 ? null : Decode(pairs[index].Value);
    }

    /// <summary>The comma-separated list of a key.</summary>
    public IReadOnlyList<string>? List(string key) => Single(key)?.Split(',');

    private static string Decode(string value) => WebUtility.UrlDecode(value);
}
