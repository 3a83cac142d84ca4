using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Packages;
using CloudFoundry.Fake.Features.Users;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Builds;

/// <summary><c>/v3/builds</c>: stage a READY package; the "build" lifecycle decides when it is STAGED or FAILED.</summary>
public sealed class BuildsApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { Filters = ["states", "app_guids", "package_guids"], OrderBy = ["created_at", "updated_at"] };

    private static readonly ListSpec AppListSpec = new() { Filters = ["states"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/builds", List);
        routes.MapPost("/v3/builds", Create);
        routes.MapGet("/v3/builds/{guid}", Get);
        routes.MapPatch("/v3/builds/{guid}", Update);
        routes.MapGet("/v3/apps/{guid}/builds", AppBuilds);
    }

    private static Build Visible(Access access, string guid) => AppOwned.Visible<Build>(access, guid, "Build");

    private static IResult Get(string guid, CfContext cf, Lifecycles lifecycles)
    {
        Visible(cf.Access(), guid);
        lifecycles.PollIfPending(cf.Foundation, Staging.Lifecycle, guid);
        return CfResults.Ok(BuildResponse.From(cf.World.Find<Build>(guid)!, cf.Urls));
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var builds = query.Standard(access.World.Of<Build>()).Where(build => access.World.Find<App>(build.AppGuid) is { } app && access.CanReadSpace(app.SpaceGuid));
        builds = query.Where(builds, "states", build => build.State);
        builds = query.Where(builds, "app_guids", build => build.AppGuid);
        builds = query.Where(builds, "package_guids", build => build.PackageGuid);
        return CfResults.Ok(query.Respond(builds, build => BuildResponse.From(build, cf.Urls), cf.Urls, "/v3/builds"));
    }

    private static IResult AppBuilds(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, AppListSpec);
        var app = AppsApi.Visible(cf.Access(), guid);
        var builds = query.Where(query.Standard(cf.World.Of<Build>()).Where(build => build.AppGuid == app.Guid), "states", build => build.State);
        return CfResults.Ok(query.Respond(builds, build => BuildResponse.From(build, cf.Urls), cf.Urls, $"/v3/apps/{guid}/builds"));
    }

    private static async Task<IResult> Create(CfContext cf, Lifecycles lifecycles)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("package", "lifecycle", "staging_memory_in_mb", "staging_disk_in_mb", "staging_log_rate_limit_bytes_per_second", "metadata");
        var packageGuid = body.Object("package", required: true)?.String("guid", required: true);
        var memory = body.Integer("staging_memory_in_mb", min: 1);
        var disk = body.Integer("staging_disk_in_mb", min: 1);
        body.Integer("staging_log_rate_limit_bytes_per_second", min: -1);
        var metadata = body.Metadata();
        var package = access.World.Find<Package>(packageGuid);
        var app = package is null ? null : access.World.Find<App>(package.AppGuid);
        var lifecycle = AppRequest.ReadLifecycle(body, app?.Lifecycle.Stack);
        body.ThrowIfInvalid();
        if (package is null || app is null || !access.CanManageAppsInSpace(app.SpaceGuid))
        {
            throw CfErrors.Unprocessable("Unable to use package. Ensure that the package exists and you have access to it.");
        }

        if (package.State != Package.Ready)
        {
            throw CfErrors.Unprocessable("Unable to stage package: package is not READY.");
        }

        var caller = access.Caller;
        var build = cf.Write(transaction =>
        {
            var created = transaction.Put(new Build(
                transaction.NewGuid(), app.Guid, package.Guid, Build.Staging, null, null, lifecycle ?? app.Lifecycle,
                (int?)memory ?? 1024, (int?)disk ?? 1024,
                new BuildCreator(caller.UserGuid, UserResponse.NameOf(transaction.World, caller.UserGuid), caller.Email ?? string.Empty),
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
            lifecycles.Begin(transaction, Staging.Lifecycle, created.Guid);
            return transaction.Find<Build>(created.Guid)!;
        });
        return CfResults.Created(BuildResponse.From(build, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var build = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(build.AppGuid)!.SpaceGuid));
        var updated = await MetadataPatch.ApplyAsync<Build>(cf, guid, "Build", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
        return CfResults.Ok(BuildResponse.From(updated, cf.Urls));
    }

}
