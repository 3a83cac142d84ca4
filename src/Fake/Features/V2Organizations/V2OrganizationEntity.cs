using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.IsolationSegments;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Organizations;

/// <summary>The V2 view of an organization, in the field order of Cloud Controller's V2 organization presenter.</summary>
public static class V2OrganizationEntity
{
    public const string Collection = "/v2/organizations/";

    public static Dictionary<string, object?> Resource(World world, Organization org)
    {
        var entity = new Dictionary<string, object?>
        {
            ["name"] = org.Name,
            ["billing_enabled"] = false,
            ["quota_definition_guid"] = org.QuotaGuid,
            ["status"] = org.Suspended ? "suspended" : "active",
            ["default_isolation_segment_guid"] = org.DefaultIsolationSegmentGuid,
        };
        if (world.Of<IsolationSegment>().All.Any(segment => segment.OrganizationGuids.Contains(org.Guid)))
        {
            entity["isolation_segment_url"] = "/v3/isolation_segments?organization_guids=" + org.Guid;
        }

        if (org.QuotaGuid is { } quota)
        {
            entity["quota_definition_url"] = "/v2/quota_definitions/" + quota;
        }

        V2Resource.AddRelationLinks(entity, Collection + org.Guid, "spaces", "domains", "private_domains", "users", "managers", "billing_managers", "auditors", "app_events", "space_quota_definitions");
        return V2Resource.Of(org.Guid, Collection, org.CreatedAt, org.UpdatedAt, entity);
    }
}
