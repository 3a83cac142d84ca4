using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.IsolationSegments;

/// <summary>An isolation segment and the organizations entitled to it.</summary>
public sealed record IsolationSegment(
    string Guid,
    string Name,
    ImmutableSortedSet<string> OrganizationGuids,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled;

public sealed record IsolationSegmentResponse(
    string Guid,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, Link> Links,
    MetadataResponse Metadata)
{
    public static IsolationSegmentResponse From(IsolationSegment segment, CfUrls urls) => new(
        segment.Guid, segment.Name, segment.CreatedAt, segment.UpdatedAt,
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/isolation_segments/" + segment.Guid),
            ["organizations"] = urls.Link($"/v3/isolation_segments/{segment.Guid}/organizations"),
        },
        MetadataResponse.From(segment.Metadata));
}
