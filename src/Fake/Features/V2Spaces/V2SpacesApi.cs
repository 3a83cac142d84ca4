using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.V2Apps;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Spaces;

/// <summary>
/// Read-only V2 spaces over the V3 store. As in V2, a user sees the spaces it has a space role in and the spaces of
/// the organizations it manages; admins and global auditors see all.
/// </summary>
public sealed class V2SpacesApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2/spaces");
        group.MapGet("/", List);
        group.MapGet("/{guid}", Get);
        group.MapGet("/{guid}/apps", Apps);
    }

    private static Space Visible(Access access, string guid) =>
        access.World.Find<Space>(guid) is { } space && access.CanReadSpace(space) ? space : throw CfException.FromCatalogue("SpaceNotFound", guid);

    private static IResult List(CfContext cf)
    {
        var access = cf.Access();
        var query = V2Query.Parse(cf.Http.Request.Query, V2SpaceFilters.Fields, V2SpaceFilters.Sortable);
        var world = access.World;
        var spaces = query.Select(world.Of<Space>().All.Where(access.CanReadSpace), (space, filter) => V2SpaceFilters.Matches(world, space, filter), space => space.Name);
        return CfResults.Ok(query.Envelope(spaces, "/v2/spaces", space => V2SpaceEntity.Resource(world, space, query.Depth)));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var access = cf.Access();
        return CfResults.Ok(V2SpaceEntity.Resource(access.World, Visible(access, guid), 0));
    }

    private static IResult Apps(string guid, CfContext cf)
    {
        var access = cf.Access();
        var space = Visible(access, guid);
        var query = V2Query.Parse(cf.Http.Request.Query, V2AppFilters.Fields);
        var world = access.World;
        var apps = query.Select(world.Of<App>().All.Where(app => app.SpaceGuid == space.Guid), (app, filter) => V2AppFilters.Matches(world, app, filter));
        return CfResults.Ok(query.Envelope(apps, $"/v2/spaces/{space.Guid}/apps", app => V2AppEntity.Resource(world, app, query.Depth)));
    }
}
