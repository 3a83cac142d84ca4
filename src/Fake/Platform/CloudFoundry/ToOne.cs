namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>A to-one relationship on the wire: <c>{"data": {"guid": "..."}}</c> or <c>{"data": null}</c>.</summary>
public sealed record ToOne(GuidReference? Data)
{
    public ToOne(string? guid)
        : this(guid is null ? null : new GuidReference(guid))
    {
    }
}

/// <summary>A to-many relationship on the wire: <c>{"data": [{"guid": "..."}]}</c>.</summary>
public sealed record ToMany(IReadOnlyList<GuidReference> Data)
{
    public static ToMany Of(IEnumerable<string> guids) => new([.. guids.Select(guid => new GuidReference(guid))]);
}

public sealed record GuidReference(string Guid);
