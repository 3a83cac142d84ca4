using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Organizations;

public sealed record OrganizationResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    bool Suspended,
    OrganizationRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links,
    MetadataResponse Metadata)
{
    public static OrganizationResponse From(Organization org, CfUrls urls)
    {
        var path = "/v3/organizations/" + org.Guid;
        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link(path),
            ["domains"] = urls.Link(path + "/domains"),
            ["default_domain"] = urls.Link(path + "/domains/default"),
            ["quota"] = urls.Link("/v3/organization_quotas/" + org.QuotaGuid),
        };
        return new OrganizationResponse(
            org.Guid, org.CreatedAt, org.UpdatedAt, org.Name, org.Suspended,
            new OrganizationRelationships(new ToOne(org.QuotaGuid)),
            links,
            MetadataResponse.From(org.Metadata));
    }
}

public sealed record OrganizationRelationships(ToOne Quota);
