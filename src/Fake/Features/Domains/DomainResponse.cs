using System.Text.Json.Serialization;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Domains;

public sealed record DomainResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    bool Internal,
    GuidReference? RouterGroup,
    IReadOnlyList<string> SupportedProtocols,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? EnforceRoutePolicies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RoutePoliciesScope,
    MetadataResponse Metadata,
    DomainRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    /// <summary>Presents a domain; shared organizations are limited to those the caller may read.</summary>
    public static DomainResponse From(Domain domain, CfUrls urls, Func<string, bool> canReadOrg)
    {
        var path = "/v3/domains/" + domain.Guid;
        var links = new Dictionary<string, Link> { ["self"] = urls.Link(path) };
        if (domain.OrganizationGuid is not null)
        {
            links["organization"] = urls.Link("/v3/organizations/" + domain.OrganizationGuid);
        }

        links["route_reservations"] = urls.Link(path + "/route_reservations");
        if (domain.RouterGroupGuid is not null)
        {
            links["router_group"] = urls.Link("/routing/v1/router_groups/" + domain.RouterGroupGuid);
        }

        if (domain.OrganizationGuid is not null)
        {
            links["shared_organizations"] = urls.Link(path + "/relationships/shared_organizations");
        }

        return new DomainResponse(
            domain.Guid, domain.CreatedAt, domain.UpdatedAt, domain.Name, domain.Internal,
            domain.RouterGroupGuid is null ? null : new GuidReference(domain.RouterGroupGuid),
            domain.SupportedProtocols,
            domain.EnforcesRoutePolicies ? true : null,
            domain.RoutePoliciesScope,
            MetadataResponse.From(domain.Metadata),
            new DomainRelationships(new ToOne(domain.OrganizationGuid), ToMany.Of(domain.SharedOrganizationGuids.Where(canReadOrg))),
            links);
    }
}

public sealed record DomainRelationships(ToOne Organization, ToMany SharedOrganizations);
