using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.V2Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Organizations;

/// <summary>
/// Read-only V2 organizations over the V3 store. As in V2, a user sees the organizations it has an organization role
/// in (a space role alone does not show the organization); admins and global auditors see all.
/// </summary>
public sealed class V2OrganizationsApi : IFeatureModule
{
    private static readonly string[] Filterable = ["name", "space_guid", "user_guid", "manager_guid", "billing_manager_guid", "auditor_guid", "status"];

    private static readonly string[] Sortable = ["id", "name"];

    private static readonly Dictionary<string, string> RoleFilters = new(StringComparer.Ordinal)
    {
        ["user_guid"] = RoleTypes.OrganizationUser,
        ["manager_guid"] = RoleTypes.OrganizationManager,
        ["billing_manager_guid"] = RoleTypes.OrganizationBillingManager,
        ["auditor_guid"] = RoleTypes.OrganizationAuditor,
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2/organizations");
        group.MapGet("/", List);
        group.MapGet("/{guid}", Get);
        group.MapGet("/{guid}/spaces", Spaces);
    }

    private static bool CanSee(Access access, string orgGuid) => access.ReadsEverything || access.HasOrgRole(orgGuid);

    private static Organization Visible(Access access, string guid) =>
        access.World.Find<Organization>(guid) is { } org && CanSee(access, org.Guid) ? org : throw CfException.FromCatalogue("OrganizationNotFound", guid);

    private static IResult Get(string guid, CfContext cf)
    {
        var access = cf.Access();
        return CfResults.Ok(V2OrganizationEntity.Resource(access.World, Visible(access, guid)));
    }

    private static IResult List(CfContext cf)
    {
        var access = cf.Access();
        var query = V2Query.Parse(cf.Http.Request.Query, Filterable, Sortable);
        var world = access.World;
        var orgs = query.Select(world.Of<Organization>().All.Where(org => CanSee(access, org.Guid)), (org, filter) => filter.Field switch
        {
            "name" => filter.Matches(org.Name),
            "status" => filter.Matches(org.Suspended ? "suspended" : "active"),
            "space_guid" => filter.MatchesAny(world.Of<Space>().All.Where(space => space.OrganizationGuid == org.Guid).Select(space => space.Guid)),
            _ => filter.MatchesAny(world.Of<Role>().All.Where(role => role.OrganizationGuid == org.Guid && role.Type == RoleFilters[filter.Field]).Select(role => role.UserGuid)),
        }, org => org.Name);
        return CfResults.Ok(query.Envelope(orgs, "/v2/organizations", org => V2OrganizationEntity.Resource(world, org)));
    }

    private static IResult Spaces(string guid, CfContext cf)
    {
        var access = cf.Access();
        var org = Visible(access, guid);
        return V2SpacesApi.List(access, cf.Http.Request.Query, space => space.OrganizationGuid == org.Guid, $"/v2/organizations/{org.Guid}/spaces");
    }
}
