using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.V2Organizations;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Spaces;

/// <summary>
/// The V2 view of a space, in the field order of Cloud Controller's V2 space presenter; with a depth, its organization
/// is inlined after <c>organization_url</c>.
/// </summary>
public static class V2SpaceEntity
{
    public const string Collection = "/v2/spaces/";

    public static Dictionary<string, object?> Resource(World world, Space space, int depth)
    {
        var entity = new Dictionary<string, object?>
        {
            ["name"] = space.Name,
            ["organization_guid"] = space.OrganizationGuid,
            ["space_quota_definition_guid"] = space.QuotaGuid,
            ["isolation_segment_guid"] = space.IsolationSegmentGuid,
            ["allow_ssh"] = space.SshEnabled,
        };
        if (space.IsolationSegmentGuid is { } segment)
        {
            entity["isolation_segment_url"] = "/v3/isolation_segments/" + segment;
        }

        entity["organization_url"] = V2OrganizationEntity.Collection + space.OrganizationGuid;
        if (depth > 0 && world.Find<Organization>(space.OrganizationGuid) is { } org)
        {
            entity["organization"] = V2OrganizationEntity.Resource(world, org);
        }

        if (space.QuotaGuid is { } quota)
        {
            entity["space_quota_definition_url"] = "/v2/space_quota_definitions/" + quota;
        }

        V2Resource.AddRelationLinks(entity, Collection + space.Guid, "developers", "managers", "auditors", "apps", "routes", "domains", "service_instances", "app_events", "events", "security_groups", "staging_security_groups");
        return V2Resource.Of(space.Guid, Collection, space.CreatedAt, space.UpdatedAt, entity);
    }
}
