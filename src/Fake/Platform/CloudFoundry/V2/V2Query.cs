using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Platform.CloudFoundry.V2;

/// <summary>The V2 list query: <c>q</c> filters, <c>page</c>, <c>results-per-page</c> (1..100), <c>order-by</c> (the sortable fields), <c>order-direction</c>, <c>inline-relations-depth</c> (0..2).</summary>
public sealed partial class V2Query
{
    private const int MaxResultsPerPage = 100;
    private const int MaxInlineDepth = 2;

    private V2Query()
    {
    }

    public IReadOnlyList<V2Filter> Filters { get; private set; } = [];

    public int Page { get; private set; } = 1;

    public int ResultsPerPage { get; private set; } = 50;

    public string? OrderBy { get; private set; }

    public bool Descending { get; private set; }

    public int Depth { get; private set; }

    private IReadOnlyList<string> RawFilters { get; set; } = [];

    public static V2Query Parse(IQueryCollection query, IReadOnlyCollection<string> filterable, IReadOnlyCollection<string>? sortable = null)
    {
        var parsed = new V2Query();
        var raw = query["q"].SelectMany(value => (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)).ToList();
        parsed.RawFilters = raw;
        parsed.Filters = [.. raw.Select(text => ParseFilter(text, filterable))];
        parsed.Page = PositiveInteger(query["page"], 1, "page");
        parsed.ResultsPerPage = PositiveInteger(query["results-per-page"], 50, "results_per_page");
        if (parsed.ResultsPerPage > MaxResultsPerPage)
        {
            throw CfErrors.BadQuery($"results_per_page must be <= {MaxResultsPerPage}");
        }

        if (query["order-by"].ToString() is { Length: > 0 } orderBy)
        {
            // The real API answers an order-by its controller cannot sort by with a 500 (its catalogue's status); the fake
            // answers the same error as a 400, since nothing a client sends may be a 5xx.
            parsed.OrderBy = sortable?.Contains(orderBy) == true
                ? orderBy
                : throw new CfException(StatusCodes.Status400BadRequest, new CfError($"Cannot order by: {orderBy}", "CF-OrderByParameterInvalid", 10012));
        }

        var direction = query["order-direction"].ToString();
        if (direction is not ("" or "asc" or "desc"))
        {
            throw CfErrors.BadQuery("order_direction must be 'asc' or 'desc'");
        }

        parsed.Descending = direction == "desc";
        var depth = query["inline-relations-depth"].ToString();
        parsed.Depth = depth.Length == 0 ? 0 : int.TryParse(depth, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw CfErrors.BadQuery("inline_relations_depth must be an integer");
        if (parsed.Depth > MaxInlineDepth)
        {
            throw CfErrors.BadQuery($"inline_relations_depth must be <= {MaxInlineDepth}");
        }

        return parsed;
    }

    /// <summary>
    /// The items every <c>q</c> filter matches, in creation order (<c>order-by=id</c>) or by name (<c>order-by=name</c>).
    /// </summary>
    public IReadOnlyList<T> Select<T>(IEnumerable<T> items, Func<T, V2Filter, bool> matches, Func<T, string>? name = null)
    {
        var selected = items.Where(item => Filters.All(filter => matches(item, filter)));
        return OrderBy == "name" && name is not null ? [.. selected.OrderBy(name, StringComparer.Ordinal)] : [.. selected];
    }

    /// <summary>The V2 list envelope with relative <c>prev_url</c>/<c>next_url</c> that keep the query.</summary>
    public Dictionary<string, object?> Envelope<T>(IReadOnlyList<T> items, string path, Func<T, object> present)
    {
        var ordered = Descending ? items.Reverse().ToList() : items;
        var totalPages = (int)Math.Ceiling(ordered.Count / (double)ResultsPerPage);
        return new Dictionary<string, object?>
        {
            ["total_results"] = ordered.Count,
            ["total_pages"] = totalPages,
            ["prev_url"] = Page > 1 ? PageUrl(path, Page - 1) : null,
            ["next_url"] = Page < totalPages ? PageUrl(path, Page + 1) : null,
            ["resources"] = ordered.Skip((Page - 1) * ResultsPerPage).Take(ResultsPerPage).Select(present).ToList(),
        };
    }

    private string PageUrl(string path, int page)
    {
        var parameters = new List<(string Key, string Value)>
        {
            ("order-direction", Descending ? "desc" : "asc"),
            ("page", page.ToString(CultureInfo.InvariantCulture)),
            ("results-per-page", ResultsPerPage.ToString(CultureInfo.InvariantCulture)),
        };
        if (OrderBy is not null)
        {
            parameters.Add(("order-by", OrderBy));
        }

        if (Depth > 0)
        {
            parameters.Add(("inline-relations-depth", Depth.ToString(CultureInfo.InvariantCulture)));
        }

        parameters.AddRange(RawFilters.Select(filter => ("q", filter)));
        return path + "?" + string.Join('&', parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + WebUtility.UrlEncode(pair.Value)));
    }

    private static V2Filter ParseFilter(string text, IReadOnlyCollection<string> filterable)
    {
        var match = FilterPattern().Match(text);
        if (!match.Success || !filterable.Contains(match.Groups["field"].Value))
        {
            throw CfErrors.BadQuery(match.Success ? match.Groups["field"].Value : text);
        }

        var op = match.Groups["op"].Value.Trim();
        var value = match.Groups["value"].Value;
        return new V2Filter(match.Groups["field"].Value, op, op == "IN" ? value.Split(',') : [value]);
    }

    private static int PositiveInteger(string? text, int fallback, string name) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw CfErrors.BadQuery($"{name} must be a positive integer");

    [GeneratedRegex(@"^(?<field>[a-z_]+)(?<op>>=|<=|:|<|>| IN )(?<value>.*)$")]
    private static partial Regex FilterPattern();
}
