using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Organizations;

public sealed record Organization(
    string Guid,
    string Name,
    bool Suspended,
    string? QuotaGuid,
    string? DefaultIsolationSegmentGuid,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled;
