using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Routes;

/// <summary>Route sharing across spaces (feature flag <c>route_sharing</c>) and transfer of ownership.</summary>
public sealed class RouteSharingApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/routes/{guid}/relationships/shared_spaces", (string guid, CfContext cf) =>
            CfResults.Ok(Present(RoutesApi.Visible(cf.Access(), guid), cf.Urls)));
        routes.MapPost("/v3/routes/{guid}/relationships/shared_spaces", Share);
        routes.MapDelete("/v3/routes/{guid}/relationships/shared_spaces/{spaceGuid}", Unshare);
        routes.MapPatch("/v3/routes/{guid}/relationships/space", Transfer);
    }

    private static async Task<IResult> Share(string guid, CfContext cf)
    {
        var access = cf.Access();
        var route = RoutesApi.Visible(access, guid);
        RequireSharing(access);
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var spaces = body.GuidList();
        body.ThrowIfInvalid();
        var url = Url(cf, route);
        foreach (var spaceGuid in spaces)
        {
            if (TargetSpaceError(access, spaceGuid) is { } error)
            {
                throw CfErrors.Unprocessable($"Unable to share route '{url}' with space '{spaceGuid}'. {error}");
            }

            if (spaceGuid == route.SpaceGuid)
            {
                throw CfErrors.Unprocessable($"Unable to share route '{url}' with space '{spaceGuid}'. Routes cannot be shared into the space where they were created.");
            }
        }

        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            return transaction.Put(current with { SharedSpaceGuids = current.SharedSpaceGuids.Union(spaces), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(updated, cf.Urls));
    }

    private static IResult Unshare(string guid, string spaceGuid, CfContext cf)
    {
        var access = cf.Access();
        var route = RoutesApi.Visible(access, guid);
        RequireSharing(access);
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        if (TargetSpaceError(access, spaceGuid) is { } error)
        {
            throw CfErrors.Unprocessable($"Unable to unshare route '{Url(cf, route)}' from space '{spaceGuid}'. {error}");
        }

        cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            transaction.Put(current with { SharedSpaceGuids = current.SharedSpaceGuids.Remove(spaceGuid), UpdatedAt = transaction.Now });
        });
        return CfResults.NoContent();
    }

    private static async Task<IResult> Transfer(string guid, CfContext cf)
    {
        var access = cf.Access();
        var route = RoutesApi.Visible(access, guid);
        RequireSharing(access);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var spaceGuid = body.IsNull("data") ? null : body.Object("data", required: true)?.String("guid", required: true);
        body.ThrowIfInvalid();
        access.Require(access.CanWriteToSpace(route.SpaceGuid));
        var url = Url(cf, route);
        if (TargetSpaceError(access, spaceGuid!) is { } error)
        {
            throw CfErrors.Unprocessable($"Unable to transfer owner of route '{url}' to space '{spaceGuid}'. {error}");
        }

        var target = access.World.Find<Space>(spaceGuid)!;
        if (!access.World.Find<Domain>(route.DomainGuid)!.IsUsableBy(target.OrganizationGuid))
        {
            throw CfErrors.Unprocessable($"Unable to transfer owner of route '{url}' to space '{spaceGuid}'. Target space does not have access to route's domain");
        }

        cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            transaction.Put(current with
            {
                SpaceGuid = target.Guid,
                SharedSpaceGuids = current.SharedSpaceGuids.Remove(target.Guid).Add(current.SpaceGuid),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.NoContent();
    }

    private static void RequireSharing(Access access)
    {
        if (!FeatureFlag.IsEnabled(access.World, "route_sharing"))
        {
            throw CfErrors.FeatureDisabled("route_sharing");
        }
    }

    private static string? TargetSpaceError(Access access, string spaceGuid) =>
        access.World.Find<Space>(spaceGuid) is not { } space || !access.CanReadSpace(space)
            ? "Ensure the space exists and that you have access to it."
            : !access.CanManageAppsInSpace(space.Guid) ? "You don't have write permission for the target space." : null;

    private static string Url(CfContext cf, Route route) => route.Url(cf.World.Find<Domain>(route.DomainGuid)!);

    private static object Present(Route route, CfUrls urls) => new
    {
        data = route.SharedSpaceGuids.Select(space => new GuidReference(space)),
        links = new { self = urls.Link($"/v3/routes/{route.Guid}/relationships/shared_spaces") },
    };
}
