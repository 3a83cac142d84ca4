using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.OrganizationQuotas;

public sealed record OrganizationQuotaResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    AppLimits Apps,
    ServiceLimits Services,
    RouteLimits Routes,
    DomainLimits Domains,
    OrganizationQuotaRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static OrganizationQuotaResponse From(OrganizationQuota quota, IEnumerable<string> organizationGuids, CfUrls urls) => new(
        quota.Guid, quota.CreatedAt, quota.UpdatedAt, quota.Name,
        QuotaGroups.Apps(quota.Limits), QuotaGroups.Services(quota.Limits), QuotaGroups.Routes(quota.Limits), new DomainLimits(quota.Limits.TotalDomains),
        new OrganizationQuotaRelationships(ToMany.Of(organizationGuids)),
        new Dictionary<string, Link> { ["self"] = urls.Link("/v3/organization_quotas/" + quota.Guid) });
}

public sealed record OrganizationQuotaRelationships(ToMany Organizations);
