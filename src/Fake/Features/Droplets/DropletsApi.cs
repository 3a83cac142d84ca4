using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Packages;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Droplets;

/// <summary><c>/v3/droplets</c>: read, list (also per app and per package), update metadata, delete.</summary>
public sealed class DropletsApi : IFeatureModule
{
    public const string DeleteOperation = "droplet.delete";

    private static readonly ListSpec ListSpec = new() { Filters = ["states", "app_guids", "space_guids", "organization_guids"] };

    private static readonly ListSpec ScopedSpec = new() { Filters = ["states", "current"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<Droplet>("droplet");
        jobs.Register(DeleteOperation, (transaction, job) => transaction.Remove<Droplet>(job.ResourceGuid!));

        routes.MapGet("/v3/droplets", List);
        routes.MapGet("/v3/droplets/{guid}", (string guid, CfContext cf) => CfResults.Ok(DropletResponse.From(Visible(cf.Access(), guid), cf.Urls)));
        routes.MapPatch("/v3/droplets/{guid}", Update);
        routes.MapDelete("/v3/droplets/{guid}", Delete);
        routes.MapGet("/v3/apps/{guid}/droplets", (string guid, CfContext cf) =>
        {
            var app = AppsApi.Visible(cf.Access(), guid);
            return Scoped(cf, droplet => droplet.AppGuid == app.Guid, app.CurrentDropletGuid, $"/v3/apps/{guid}/droplets");
        });
        routes.MapGet("/v3/packages/{guid}/droplets", (string guid, CfContext cf) =>
        {
            var package = PackagesApi.Visible(cf.Access(), guid);
            var current = cf.World.Find<App>(package.AppGuid)?.CurrentDropletGuid;
            return Scoped(cf, droplet => droplet.PackageGuid == package.Guid, current, $"/v3/packages/{guid}/droplets");
        });
    }

    private static Droplet Visible(Access access, string guid)
    {
        var droplet = access.World.Find<Droplet>(guid);
        return droplet is not null && access.World.Find<App>(droplet.AppGuid) is { } app && access.CanReadSpace(app.SpaceGuid)
            ? droplet
            : throw CfErrors.NotFound("Droplet");
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        string? SpaceOf(Droplet droplet) => world.Find<App>(droplet.AppGuid)?.SpaceGuid;
        var droplets = query.Standard(world.Of<Droplet>().All.Where(droplet => SpaceOf(droplet) is { } space && access.CanReadSpace(space)));
        droplets = query.Where(droplets, "states", droplet => droplet.State);
        droplets = query.Where(droplets, "app_guids", droplet => droplet.AppGuid);
        droplets = query.Where(droplets, "space_guids", SpaceOf);
        droplets = query.Where(droplets, "organization_guids", droplet => world.Find<Space>(SpaceOf(droplet))?.OrganizationGuid);
        return CfResults.Ok(query.Respond(droplets, droplet => DropletResponse.From(droplet, cf.Urls), cf.Urls, "/v3/droplets"));
    }

    private static IResult Scoped(CfContext cf, Func<Droplet, bool> scope, string? currentGuid, string path)
    {
        var query = ListQuery.Parse(cf.Http.Request, ScopedSpec);
        var droplets = query.Where(query.Standard(cf.World.Of<Droplet>().All.Where(scope)), "states", droplet => droplet.State);
        if (query.Single("current") == "true")
        {
            droplets = droplets.Where(droplet => droplet.Guid == currentGuid);
        }

        return CfResults.Ok(query.Respond(droplets, droplet => DropletResponse.From(droplet, cf.Urls), cf.Urls, path));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var droplet = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(droplet.AppGuid)!.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("metadata", "image");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Droplet>(guid) ?? throw CfErrors.NotFound("Droplet");
            return transaction.Put(current with { Metadata = current.Metadata.Apply(metadata), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(DropletResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var droplet = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(droplet.AppGuid)!.SpaceGuid));
        var job = cf.Write(transaction =>
        {
            foreach (var app in transaction.Of<App>().All.Where(app => app.CurrentDropletGuid == guid).ToList())
            {
                transaction.Put(app with { CurrentDropletGuid = null });
            }

            return jobs.Enqueue(transaction, DeleteOperation, "droplet", guid);
        });
        return CfResults.Job(cf.Urls, job.Guid);
    }
}
