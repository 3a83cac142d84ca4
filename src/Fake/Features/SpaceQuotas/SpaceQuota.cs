using CloudFoundry.Fake.Features.OrganizationQuotas;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.SpaceQuotas;

/// <summary>A quota owned by one organization and applied to some of its spaces.</summary>
public sealed record SpaceQuota(
    string Guid,
    string Name,
    string OrganizationGuid,
    QuotaLimits Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;
