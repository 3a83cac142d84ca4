using CloudFoundry.Fake.Features.OrganizationQuotas;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.SpaceQuotas;

public sealed record SpaceQuotaResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    AppLimits Apps,
    ServiceLimits Services,
    RouteLimits Routes,
    SpaceQuotaRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static SpaceQuotaResponse From(SpaceQuota quota, IEnumerable<string> spaceGuids, CfUrls urls) => new(
        quota.Guid, quota.CreatedAt, quota.UpdatedAt, quota.Name,
        QuotaGroups.Apps(quota.Limits), QuotaGroups.Services(quota.Limits), QuotaGroups.Routes(quota.Limits),
        new SpaceQuotaRelationships(new ToOne(quota.OrganizationGuid), ToMany.Of(spaceGuids)),
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/space_quotas/" + quota.Guid),
            ["organization"] = urls.Link("/v3/organizations/" + quota.OrganizationGuid),
        });
}

public sealed record SpaceQuotaRelationships(ToOne Organization, ToMany Spaces);
