using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Spaces;

/// <summary>The <c>q</c> and <c>order-by</c> fields of V2 space lists (<c>/v2/spaces</c> and <c>/v2/organizations/:guid/spaces</c>).</summary>
public static class V2SpaceFilters
{
    public static readonly string[] Fields = ["name", "organization_guid", "developer_guid", "app_guid", "isolation_segment_guid"];

    public static readonly string[] Sortable = ["id", "name"];

    public static bool Matches(World world, Space space, V2Filter filter) => filter.Field switch
    {
        "name" => filter.Matches(space.Name),
        "organization_guid" => filter.Matches(space.OrganizationGuid),
        "isolation_segment_guid" => filter.Matches(space.IsolationSegmentGuid),
        "developer_guid" => filter.MatchesAny(world.Of<Role>().All.Where(role => role.SpaceGuid == space.Guid && role.Type == RoleTypes.SpaceDeveloper).Select(role => role.UserGuid)),
        _ => filter.MatchesAny(world.Of<App>().All.Where(app => app.SpaceGuid == space.Guid).Select(app => app.Guid)),
    };
}
