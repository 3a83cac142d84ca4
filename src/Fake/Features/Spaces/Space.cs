using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Spaces;

public sealed record Space(
    string Guid,
    string Name,
    string OrganizationGuid,
    bool Suspended,
    string? QuotaGuid,
    string? IsolationSegmentGuid,
    bool SshEnabled,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled;
