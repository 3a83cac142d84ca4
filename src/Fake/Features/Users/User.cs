using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Users;

/// <summary>A Cloud Controller user record; its name and origin come from UAA when UAA knows it.</summary>
public sealed record User(
    string Guid,
    string? UserName,
    string? Origin,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled;
