namespace CloudFoundry.Fake.Platform.CloudFoundry.Lists;

/// <summary>What one list endpoint accepts: its filters, orderable fields, includes and extra parameters.</summary>
public sealed record ListSpec
{
    public IReadOnlyList<string> Filters { get; init; } = [];

    public IReadOnlyList<string> OrderBy { get; init; } = ["created_at", "updated_at"];

    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>Allowed <c>fields[resource]</c> parameters: resource path to allowed keys.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool LabelSelector { get; init; } = true;

    public bool Timestamps { get; init; } = true;

    public bool Paginated { get; init; } = true;
}
