using System.Globalization;
using System.Net;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

/// <summary>
/// The parsed query of a list (or a single-resource GET with include/fields): pagination, order, filters,
/// timestamp filters, label selector, includes and fields, validated with Cloud Controller's messages.
/// </summary>
public sealed class ListQuery
{
    public const int DefaultPerPage = 50;
    private const int MaxPerPage = 5000;
    private static readonly string[] PaginationKeys = ["page", "per_page", "order_by"];
    private static readonly string[] TimestampOperators = ["lt", "lte", "gt", "gte"];

    private readonly RawQuery raw;
    private readonly ListSpec spec;
    private object? source;

    private ListQuery(RawQuery raw, ListSpec spec)
    {
        this.raw = raw;
        this.spec = spec;
    }

    public int Page { get; private set; } = 1;

    public int PerPage { get; private set; } = DefaultPerPage;

    public string? OrderField { get; private set; }

    public bool Descending { get; private set; }

    public LabelSelector? Labels { get; private set; }

    public IReadOnlyList<string> Includes { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public static ListQuery Parse(HttpRequest request, ListSpec spec)
    {
        var query = new ListQuery(RawQuery.Parse(request.QueryString.Value), spec);
        var errors = new List<string>();
        query.Validate(errors);
        if (errors.Count > 0)
        {
            throw CfErrors.BadQuery(errors);
        }

        return query;
    }

    public bool Has(string key) => raw.Has(key);

    public IReadOnlyList<string>? Values(string filter) => raw.List(filter);

    public string? Single(string key) => raw.Single(key);

    public bool IsIncluded(string include) => Includes.Contains(include, StringComparer.Ordinal);

    /// <summary>Keeps items whose value is one of the filter's values (no-op when the filter was not sent).</summary>
    public IEnumerable<T> Where<T>(IEnumerable<T> items, string filter, Func<T, string?> value)
    {
        var wanted = Values(filter);
        return wanted is null ? items : items.Where(item => wanted.Contains(value(item) ?? string.Empty, StringComparer.Ordinal));
    }

    /// <summary>Keeps items having any of the filter's values among theirs.</summary>
    public IEnumerable<T> WhereAny<T>(IEnumerable<T> items, string filter, Func<T, IEnumerable<string>> values)
    {
        var wanted = Values(filter);
        return wanted is null ? items : items.Where(item => values(item).Any(value => wanted.Contains(value, StringComparer.Ordinal)));
    }

    /// <summary>A boolean filter such as <c>available=true</c>.</summary>
    public IEnumerable<T> WhereFlag<T>(IEnumerable<T> items, string filter, Func<T, bool> value)
    {
        var text = Single(filter);
        return text is null ? items : items.Where(item => value(item) == (text == "true"));
    }

    /// <summary>
    /// The filters every list shares over a whole table, through its indexes: the label selector looks only at the rows
    /// its positive requirements admit, and <see cref="Respond{T, TOut}"/> later orders the selection (which must stay a
    /// subset of this table's rows) by the table's sort index instead of sorting it.
    /// </summary>
    public IEnumerable<T> Standard<T>(Table<T> table)
        where T : class, ITimestamped
    {
        source = table;
        return Labels is { } selector ? Shared(TableIndexes.Labels(table).Matching(selector)) : Shared(table.Ordered);
    }

    /// <summary>The filters every list shares: <c>guids</c>, timestamps and <c>label_selector</c>.</summary>
    public IEnumerable<T> Standard<T>(IEnumerable<T> items)
        where T : ITimestamped
    {
        var result = Shared(items);
        if (Labels is { } selector)
        {
            result = result.Where(item => item is ILabelled labelled && selector.Matches(labelled.Metadata.Labels));
        }

        return result;
    }

    private IEnumerable<T> Shared<T>(IEnumerable<T> items)
        where T : ITimestamped
    {
        var result = Where(items, "guids", item => item.Guid);
        if (spec.Timestamps)
        {
            result = WhereTimestamp(result, "created_ats", item => item.CreatedAt);
            result = WhereTimestamp(result, "updated_ats", item => item.UpdatedAt);
        }

        return result;
    }

    public IEnumerable<T> WhereTimestamp<T>(IEnumerable<T> items, string filter, Func<T, DateTimeOffset?> value)
    {
        var result = items;
        if (Values(filter) is { } equals)
        {
            var moments = equals.Select(ParseTimestamp).ToList();
            result = result.Where(item => value(item) is { } at && moments.Contains(at));
        }

        foreach (var op in TimestampOperators)
        {
            if (Single($"{filter}[{op}]") is not { } text)
            {
                continue;
            }

            var bound = ParseTimestamp(text);
            result = op switch
            {
                "lt" => result.Where(item => value(item) < bound),
                "lte" => result.Where(item => value(item) <= bound),
                "gt" => result.Where(item => value(item) > bound),
                _ => result.Where(item => value(item) >= bound),
            };
        }

        return result;
    }

    /// <summary>Orders (by the requested field, else creation order), paginates and presents a list.</summary>
    public ListResponse<TOut> Respond<T, TOut>(
        IEnumerable<T> items,
        Func<T, TOut> present,
        CfUrls urls,
        string path,
        IReadOnlyDictionary<string, Func<T, IComparable?>>? orderKeys = null,
        IReadOnlyDictionary<string, IReadOnlyList<object>>? included = null)
        where T : class, ITimestamped
    {
        var (total, page) = Paginate(items, orderKeys);
        var totalPages = Math.Max(1, (int)Math.Ceiling(total / (double)PerPage));
        var pageItems = page.Select(present).ToList();
        var pagination = new Pagination(
            total,
            totalPages,
            urls.Link(PageLink(path, 1)),
            urls.Link(PageLink(path, totalPages)),
            Page < totalPages ? urls.Link(PageLink(path, Page + 1)) : null,
            Page > 1 ? urls.Link(PageLink(path, Page - 1)) : null);
        return new ListResponse<TOut>(pagination, pageItems, included);
    }

    /// <summary>
    /// The selection's size and its requested page, sorted by the order field; equal keys keep creation order, reversed
    /// when descending (newest first). Order keys must be functions of the row alone: they key the table's sort index.
    /// </summary>
    private (int Total, IEnumerable<T> Page) Paginate<T>(IEnumerable<T> items, IReadOnlyDictionary<string, Func<T, IComparable?>>? orderKeys)
        where T : class, ITimestamped
    {
        var skip = (int)Math.Min(int.MaxValue, (Page - 1L) * PerPage);
        if (OrderField is null)
        {
            var all = items as IReadOnlyCollection<T> ?? [.. items];
            return (all.Count, all.Skip(skip).Take(PerPage));
        }

        var key = OrderKey(orderKeys);
        if (source is Table<T> table && TableIndexes.SortedBy(table, key).Page(items, Descending, skip, PerPage) is var (total, page))
        {
            return (total, page);
        }

        var comparer = Comparer<IComparable?>.Create(CompareValues);
        var ordered = (Descending ? items.Reverse().OrderByDescending(key, comparer) : items.OrderBy(key, comparer)).ToList();
        return (ordered.Count, ordered.Skip(skip).Take(PerPage));
    }

    private Func<T, IComparable?> OrderKey<T>(IReadOnlyDictionary<string, Func<T, IComparable?>>? orderKeys)
        where T : ITimestamped => OrderField switch
        {
            "created_at" => OrderKeys<T>.CreatedAt,
            "updated_at" => OrderKeys<T>.UpdatedAt,
            _ => orderKeys is not null && orderKeys.TryGetValue(OrderField!, out var selector) ? selector : OrderKeys<T>.None,
        };

    internal static int CompareValues(IComparable? left, IComparable? right) =>
        (left, right) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => left.CompareTo(right),
        };

    private string PageLink(string path, int page)
    {
        var parameters = raw.Keys
            .Where(key => !PaginationKeys.Contains(key))
            .Select(key => (Key: key, Value: string.Join(',', raw.List(key) ?? [])))
            .Append((Key: "page", Value: page.ToString(CultureInfo.InvariantCulture)))
            .Append((Key: "per_page", Value: PerPage.ToString(CultureInfo.InvariantCulture)));
        if (OrderField is not null)
        {
            parameters = parameters.Append((Key: "order_by", Value: (Descending ? "-" : "+") + OrderField));
        }

        var query = string.Join('&', parameters
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => Escape(pair.Key) + "=" + Escape(pair.Value)));
        return path + "?" + query;
    }

    private static string Escape(string value) => WebUtility.UrlEncode(value);

    private void Validate(List<string> errors)
    {
        var allowed = AllowedKeys();
        var unknown = raw.Keys.Where(key => !IsAllowed(key, allowed)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"Unknown query parameter(s): '{string.Join("', '", unknown)}'. Valid parameters are: '{string.Join("', '", allowed)}'");
            return;
        }

        ValidatePagination(errors);
        ValidateOrder(errors);
        ValidateTimestamps(errors);
        ValidateLabelSelector(errors);
        ValidateIncludes(errors);
        ValidateFields(errors);
    }

    private List<string> AllowedKeys()
    {
        var keys = new List<string>();
        if (spec.Paginated)
        {
            keys.AddRange(PaginationKeys);
        }

        if (spec.Timestamps)
        {
            keys.AddRange(["created_ats", "updated_ats"]);
        }

        if (spec.Paginated && !spec.Filters.Contains("guids"))
        {
            keys.Add("guids");
        }

        keys.AddRange(spec.Filters);
        if (spec.LabelSelector)
        {
            keys.Add("label_selector");
        }

        if (spec.Includes.Count > 0)
        {
            keys.Add("include");
        }

        if (spec.Fields.Count > 0)
        {
            keys.Add("fields");
        }

        return keys;
    }

    private bool IsAllowed(string key, List<string> allowed)
    {
        if (allowed.Contains(key, StringComparer.Ordinal))
        {
            return true;
        }

        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        if (bracket <= 0 || !key.EndsWith(']'))
        {
            return false;
        }

        var name = key[..bracket];
        return name == "fields" ? spec.Fields.Count > 0 : allowed.Contains(name, StringComparer.Ordinal) && IsTimestampFilter(name);
    }

    private bool IsTimestampFilter(string name) => spec.Timestamps && name is "created_ats" or "updated_ats";

    private void ValidatePagination(List<string> errors)
    {
        if (raw.Single("page") is { } page)
        {
            if (int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                Page = value;
            }
            else
            {
                errors.Add("Page must be a positive integer");
            }
        }

        if (raw.Single("per_page") is { } perPage)
        {
            if (!long.TryParse(perPage, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                errors.Add("Per page must be a positive integer");
            }
            else if (value > MaxPerPage)
            {
                errors.Add($"Per page must be between 1 and {MaxPerPage}");
            }
            else
            {
                PerPage = (int)value;
            }
        }
    }

    private void ValidateOrder(List<string> errors)
    {
        if (raw.Single("order_by") is not { Length: > 0 } orderBy)
        {
            return;
        }

        var descending = orderBy.StartsWith('-');
        var field = orderBy.TrimStart('+', '-');
        if (orderBy.Length - field.Length > 1 || !spec.OrderBy.Contains(field, StringComparer.Ordinal))
        {
            errors.Add($"Order by can only be: {string.Join(", ", spec.OrderBy.Select(value => $"'{value}'"))}");
            return;
        }

        OrderField = field;
        Descending = descending;
    }

    private void ValidateTimestamps(List<string> errors)
    {
        foreach (var key in raw.Keys.Where(key => key.StartsWith("created_ats", StringComparison.Ordinal) || key.StartsWith("updated_ats", StringComparison.Ordinal)))
        {
            var name = key.Split('[')[0];
            var bracket = key.Length > name.Length ? key[(name.Length + 1)..^1] : null;
            var label = RequestsHumanize(name);
            if (bracket is not null && !TimestampOperators.Contains(bracket))
            {
                errors.Add($"{label} has an invalid relational operator. Valid relational operators are: '{string.Join("', '", TimestampOperators)}'");
                continue;
            }

            var values = raw.List(key) ?? [];
            if (bracket is not null && values.Count != 1)
            {
                errors.Add($"{label} relational operator '{bracket}' requires a single timestamp");
            }
            else if (values.Any(value => !IsTimestamp(value)))
            {
                errors.Add($"{label} has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'");
            }
        }
    }

    private void ValidateLabelSelector(List<string> errors)
    {
        if (!spec.LabelSelector || raw.Single("label_selector") is not { } text)
        {
            return;
        }

        var (selector, error) = LabelSelector.Parse(text);
        if (error is not null)
        {
            errors.Add(error);
        }

        Labels = selector;
    }

    private void ValidateIncludes(List<string> errors)
    {
        if (spec.Includes.Count == 0 || raw.List("include") is not { } includes)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var include in includes)
        {
            if (!spec.Includes.Contains(include, StringComparer.Ordinal))
            {
                errors.Add($"Invalid included resource: '{include}'. Valid included resources are: '{string.Join("', '", spec.Includes)}'");
            }
            else if (!seen.Add(include))
            {
                errors.Add($"Duplicate included resource: '{include}'");
            }
        }

        Includes = [.. seen];
    }

    private void ValidateFields(List<string> errors)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in raw.Keys.Where(key => key.StartsWith("fields[", StringComparison.Ordinal)))
        {
            var resource = key["fields[".Length..^1];
            if (!spec.Fields.TryGetValue(resource, out var allowedKeys))
            {
                errors.Add($"Fields [{resource}] valid resources are: {string.Join(", ", spec.Fields.Keys.Select(value => $"'{value}'"))}");
                continue;
            }

            var requested = raw.List(key) ?? [];
            if (requested.Any(value => !allowedKeys.Contains(value, StringComparer.Ordinal)))
            {
                errors.Add($"Fields valid keys for '{resource}' are: {string.Join(", ", allowedKeys.Select(value => $"'{value}'"))}");
                continue;
            }

            fields[resource] = requested;
        }

        Fields = fields;
    }

    private const string TimestampPattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampPattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static bool IsTimestamp(string text) =>
        DateTimeOffset.TryParseExact(text, TimestampPattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static string RequestsHumanize(string key) => Requests.RequestBody.Humanize(key);

    private static class OrderKeys<T>
        where T : ITimestamped
    {
        public static readonly Func<T, IComparable?> CreatedAt = item => item.CreatedAt;
        public static readonly Func<T, IComparable?> UpdatedAt = item => item.UpdatedAt;
        public static readonly Func<T, IComparable?> None = _ => null;
    }
}
