using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Packages;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Droplets;

/// <summary><c>/v3/droplets</c>: read, list (also per app and per package), update metadata, delete.</summary>
public sealed class DropletsApi : IFeatureModule
{
    public const string DeleteOperation = "droplet.delete";
    public const string UploadOperation = "droplet.upload";

    private static readonly ListSpec ListSpec = new() { Filters = ["states", "app_guids", "space_guids", "organization_guids"] };

    private static readonly ListSpec ScopedSpec = new() { Filters = ["states", "current"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<Droplet>("droplet");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            transaction.Remove<Droplet>(job.ResourceGuid!);
            transaction.Remove<DropletBits>(job.ResourceGuid!);
        });

        jobs.Register(UploadOperation, (transaction, job) =>
        {
            if (transaction.Find<Droplet>(job.ResourceGuid) is { } droplet)
            {
                transaction.Put(droplet with { State = Droplet.Staged, UpdatedAt = transaction.Now });
            }
        });
        routes.MapGet("/v3/droplets", List);
        routes.MapPost("/v3/droplets", Create);
        routes.MapPost("/v3/droplets/{guid}/upload", Upload).DisableAntiforgery();
        routes.MapGet("/v3/droplets/{guid}/download", Download);
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

    private static Droplet Visible(Access access, string guid) => AppOwned.Visible<Droplet>(access, guid, "Droplet");

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        string? SpaceOf(Droplet droplet) => world.Find<App>(droplet.AppGuid)?.SpaceGuid;
        var droplets = query.Standard(world.Of<Droplet>()).Where(droplet => SpaceOf(droplet) is { } space && access.CanReadSpace(space));
        droplets = query.Where(droplets, "states", droplet => droplet.State);
        droplets = query.Where(droplets, "app_guids", droplet => droplet.AppGuid);
        droplets = query.Where(droplets, "space_guids", SpaceOf);
        droplets = query.Where(droplets, "organization_guids", droplet => world.Find<Space>(SpaceOf(droplet))?.OrganizationGuid);
        return CfResults.Ok(query.Respond(droplets, droplet => DropletResponse.From(droplet, cf.Urls), cf.Urls, "/v3/droplets"));
    }

    private static IResult Scoped(CfContext cf, Func<Droplet, bool> scope, string? currentGuid, string path)
    {
        var query = ListQuery.Parse(cf.Http.Request, ScopedSpec);
        var droplets = query.Where(query.Standard(cf.World.Of<Droplet>()).Where(scope), "states", droplet => droplet.State);
        if (query.Single("current") == "true")
        {
            droplets = droplets.Where(droplet => droplet.Guid == currentGuid);
        }

        return CfResults.Ok(query.Respond(droplets, droplet => DropletResponse.From(droplet, cf.Urls), cf.Urls, path));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var source = cf.Http.Request.Query["source_guid"].ToString() is { Length: > 0 } sourceGuid ? Visible(access, sourceGuid) : null;
        var body = await RequestBody.ReadAsync(cf.Http.Request);
        body.AllowOnly(source is null ? ["relationships", "process_types"] : ["relationships"]);
        var appGuid = body.ToOneRelationship("app");
        var processTypes = source is null ? ReadProcessTypes(body) : source.ProcessTypes;
        body.ThrowIfInvalid();
        var app = access.World.Find<App>(appGuid);
        if (app is null || !access.CanReadSpace(app.SpaceGuid))
        {
            throw CfErrors.Unprocessable("App with guid \"" + appGuid + "\" does not exist, or you do not have access to it.");
        }

        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        var droplet = cf.Write(transaction =>
        {
            var created = source is null
                ? new Droplet(transaction.NewGuid(), app.Guid, null, "AWAITING_UPLOAD", null, app.Lifecycle.Type, processTypes, app.Lifecycle.Stack, [], null, null,
                    ResourceMetadata.Empty, transaction.Now, transaction.Now)
                : source with { Guid = transaction.NewGuid(), AppGuid = app.Guid, Metadata = ResourceMetadata.Empty, CreatedAt = transaction.Now, UpdatedAt = transaction.Now };
            if (source is not null && transaction.Find<DropletBits>(source.Guid) is { } bits)
            {
                transaction.Put(bits with { Guid = created.Guid });
            }

            return transaction.Put(created);
        });
        return CfResults.Created(DropletResponse.From(droplet, cf.Urls));
    }

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, string> ReadProcessTypes(RequestBody body)
    {
        var types = System.Collections.Immutable.ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (body.Json["process_types"] is System.Text.Json.Nodes.JsonObject map)
        {
            foreach (var (type, command) in map)
            {
                types[type] = command?.ToString() ?? string.Empty;
            }
        }
        else if (body.Has("process_types"))
        {
            body.AddError("process_types", "must be an object");
        }

        return types.ToImmutable();
    }

    private static async Task<IResult> Upload(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var droplet = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(droplet.AppGuid)!.SpaceGuid));
        if (droplet.State != "AWAITING_UPLOAD")
        {
            throw CfErrors.Unprocessable("Droplet may be uploaded only once.");
        }

        var form = cf.Http.Request.HasFormContentType ? await cf.Http.Request.ReadFormAsync(cf.Http.RequestAborted) : null;
        if (form?.Files.GetFile("bits") is not { } file)
        {
            throw CfErrors.Unprocessable("Bits can't be blank");
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cf.Http.RequestAborted);
        var contents = memory.ToArray();
        var (uploaded, job) = cf.Write(transaction =>
        {
            transaction.Put(new DropletBits(guid, contents));
            var processing = transaction.Put(droplet with
            {
                State = "PROCESSING_UPLOAD",
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(contents)),
                UpdatedAt = transaction.Now,
            });
            return (processing, jobs.Enqueue(transaction, UploadOperation, "droplet", guid));
        });
        return CfResults.Job(cf.Urls, job.Guid, DropletResponse.From(uploaded, cf.Urls));
    }

    private static IResult Download(string guid, CfContext cf)
    {
        var access = cf.Access();
        var droplet = Visible(access, guid);
        access.Require(access.CanDownloadDropletsIn(access.World.Find<App>(droplet.AppGuid)!.SpaceGuid));
        if (droplet.LifecycleType == "docker" || droplet.State != Droplet.Staged)
        {
            throw CfErrors.Unprocessable("Cannot download droplets with 'docker' lifecycle or that are not STAGED.");
        }

        var bits = access.World.Find<DropletBits>(guid)?.Contents ?? System.Text.Encoding.UTF8.GetBytes($"droplet {guid}");
        return Results.File(bits, "application/gzip", guid + ".tgz");
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
