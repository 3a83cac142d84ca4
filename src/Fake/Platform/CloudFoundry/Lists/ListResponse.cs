using System.Text.Json.Serialization;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

public sealed record Pagination(int TotalResults, int TotalPages, Link First, Link Last, Link? Next, Link? Previous);

/// <summary>The paginated list envelope; <c>included</c> appears only when the client asked for includes.</summary>
public sealed record ListResponse<T>(
    Pagination Pagination,
    IReadOnlyList<T> Resources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<object>>? Included = null);
