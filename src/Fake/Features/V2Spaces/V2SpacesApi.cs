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
        group.MapGet("/", (CfContext cf) => List(cf.Access(), cf.Http.Request.Query, _ => true, "/v2/spaces"));
        group.MapGet("/{guid}", Get);
        group.MapGet("/{guid}/apps", Apps);
    }

    private static Space Visible(Access access, string guid) =>
        access.World.Find<Space>(guid) is { } space && access.CanReadSpace(space) ? space : throw CfException.FromCatalogue("SpaceNotFound", guid);

    /// <summary>The spaces in scope the caller can see, filtered, ordered and paged: <c>/v2/spaces</c> and <c>/v2/organizations/:guid/spaces</c>.</summary>
    public static IResult List(Access access, IQueryCollection parameters, Func<Space, bool> scope, string path)
    {
        var query = V2Query.Parse(parameters, V2SpaceFilters.Fields, V2SpaceFilters.Sortable);
        var world = access.World;
        var spaces = query.Select(world.Of<Space>().All.Where(space => scope(space) && access.CanReadSpace(space)), (space, filter) => V2SpaceFilters.Matches(world, space, filter), space => space.Name);
        return CfResults.Ok(query.Envelope(spaces, path, space => V2SpaceEntity.Resource(world, space, query.Depth)));
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
        return V2AppsApi.List(access, cf.Http.Request.Query, app => app.SpaceGuid == space.Guid, $"/v2/spaces/{space.Guid}/apps");
    }
}
