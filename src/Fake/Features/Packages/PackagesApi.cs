using System.Security.Cryptography;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Packages;

/// <summary>
/// <c>/v3/packages</c>: bits packages uploaded as multipart zips (processed through the "package" lifecycle:
/// PROCESSING_UPLOAD, then READY), docker packages, copies, downloads; and <c>/v3/resource_matches</c>.
/// </summary>
public sealed class PackagesApi : IFeatureModule
{
    public const string Lifecycle = "package";
    public const string DeleteOperation = "package.delete";

    private static readonly ListSpec ListSpec = new() { Filters = ["states", "types", "app_guids", "space_guids", "organization_guids"] };

    private static readonly ListSpec AppListSpec = new() { Filters = ["states", "types"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        var provider = routes.ServiceProvider;
        provider.GetRequiredService<Lifecycles>().Register(Lifecycle, FinishUpload);
        var jobs = provider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<Package>("package");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            transaction.Remove<Package>(job.ResourceGuid!);
            transaction.Remove<PackageBits>(job.ResourceGuid!);
        });

        routes.MapGet("/v3/packages", List);
        routes.MapPost("/v3/packages", Create);
        routes.MapGet("/v3/packages/{guid}", (string guid, CfContext cf, Lifecycles lifecycles) =>
        {
            Visible(cf.Access(), guid);
            lifecycles.PollIfPending(cf.Foundation, Lifecycle, guid);
            return CfResults.Ok(PackageResponse.From(cf.World.Find<Package>(guid)!, cf.Urls));
        });
        routes.MapPatch("/v3/packages/{guid}", Update);
        routes.MapDelete("/v3/packages/{guid}", Delete);
        routes.MapPost("/v3/packages/{guid}/upload", Upload).DisableAntiforgery();
        routes.MapGet("/v3/packages/{guid}/download", Download);
        routes.MapGet("/v3/apps/{guid}/packages", AppPackages);
        routes.MapPost("/v3/resource_matches", ResourceMatches);
    }

    public static Package Visible(Access access, string guid) => AppOwned.Visible<Package>(access, guid, "Package");

    private static void FinishUpload(Transaction transaction, string guid, string? failure)
    {
        if (transaction.Find<Package>(guid) is { State: Package.ProcessingUpload } package)
        {
            transaction.Put(package with
            {
                State = failure is null ? Package.Ready : Package.Failed,
                Error = failure,
                UpdatedAt = transaction.Now,
            });
        }
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        string? SpaceOf(Package package) => world.Find<App>(package.AppGuid)?.SpaceGuid;
        var packages = query.Standard(world.Of<Package>()).Where(package => SpaceOf(package) is { } space && access.CanReadSpace(space));
        packages = query.Where(packages, "states", package => package.State);
        packages = query.Where(packages, "types", package => package.Type);
        packages = query.Where(packages, "app_guids", package => package.AppGuid);
        packages = query.Where(packages, "space_guids", SpaceOf);
        packages = query.Where(packages, "organization_guids", package => world.Find<Space>(SpaceOf(package))?.OrganizationGuid);
        return CfResults.Ok(query.Respond(packages, package => PackageResponse.From(package, cf.Urls), cf.Urls, "/v3/packages"));
    }

    private static IResult AppPackages(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, AppListSpec);
        var app = AppsApi.Visible(cf.Access(), guid);
        var packages = query.Standard(cf.World.Of<Package>()).Where(package => package.AppGuid == app.Guid);
        packages = query.Where(query.Where(packages, "states", package => package.State), "types", package => package.Type);
        return CfResults.Ok(query.Respond(packages, package => PackageResponse.From(package, cf.Urls), cf.Urls, $"/v3/apps/{guid}/packages"));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        if (cf.Http.Request.Query["source_guid"].ToString() is { Length: > 0 } sourceGuid)
        {
            return await Copy(cf, access, sourceGuid);
        }

        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("type", "relationships", "data", "metadata");
        var type = body.String("type", required: true);
        if (type is not null and not ("bits" or "docker"))
        {
            body.AddError("type", "must be one of 'bits, docker'");
        }

        var appGuid = body.ToOneRelationship("app");
        var data = body.Object("data");
        var image = data?.String("image");
        if (type == "docker" && string.IsNullOrEmpty(image))
        {
            body.AddError("data", "Image required");
        }

        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var app = access.World.Find<App>(appGuid);
        if (app is null || !access.CanReadSpace(app.SpaceGuid))
        {
            throw CfErrors.Unprocessable("App is invalid. Ensure it exists and you have access to it.");
        }

        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        var package = cf.Write(transaction => transaction.Put(new Package(
            transaction.NewGuid(), app.Guid, type!, type == "docker" ? Package.Ready : Package.AwaitingUpload, null, null, image,
            ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now)));
        return CfResults.Created(PackageResponse.From(package, cf.Urls));
    }

    private static async Task<IResult> Copy(CfContext cf, Access access, string sourceGuid)
    {
        var source = Visible(access, sourceGuid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("relationships");
        var appGuid = body.ToOneRelationship("app");
        body.ThrowIfInvalid();
        var app = access.World.Find<App>(appGuid);
        if (app is null || !access.CanReadSpace(app.SpaceGuid))
        {
            throw CfErrors.Unprocessable("App is invalid. Ensure it exists and you have access to it.");
        }

        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        var copy = cf.Write(transaction =>
        {
            var created = transaction.Put(source with { Guid = transaction.NewGuid(), AppGuid = app.Guid, Metadata = ResourceMetadata.Empty, CreatedAt = transaction.Now, UpdatedAt = transaction.Now });
            if (transaction.Find<PackageBits>(source.Guid) is { } bits)
            {
                transaction.Put(bits with { Guid = created.Guid });
            }

            return created;
        });
        return CfResults.Created(PackageResponse.From(copy, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var package = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(package.AppGuid)!.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("metadata", "username", "password");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Package>(guid) ?? throw CfErrors.NotFound("Package");
            return transaction.Put(current with { Metadata = current.Metadata.Apply(metadata), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(PackageResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var package = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(package.AppGuid)!.SpaceGuid));
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "package", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Upload(string guid, CfContext cf, Lifecycles lifecycles, FakeOptions options)
    {
        var access = cf.Access();
        var package = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(package.AppGuid)!.SpaceGuid));
        if (!access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "app_bits_upload"))
        {
            throw CfErrors.FeatureDisabled("app_bits_upload");
        }

        if (package.Type != "bits")
        {
            throw CfErrors.Unprocessable("Package type must be bits.");
        }

        if (package.State != Package.AwaitingUpload)
        {
            throw CfErrors.Unprocessable("Package is already uploaded");
        }

        if (!cf.Http.Request.HasFormContentType)
        {
            throw CfErrors.Unprocessable("Upload must include either resources or bits");
        }

        var form = await cf.Http.Request.ReadFormAsync(cf.Http.RequestAborted);
        var file = form.Files.GetFile("bits");
        if (file is null && !form.ContainsKey("resources"))
        {
            throw CfErrors.Unprocessable("Upload must include either resources or bits");
        }

        using var memory = new MemoryStream();
        if (file is not null)
        {
            await file.CopyToAsync(memory, cf.Http.RequestAborted);
        }

        var zip = memory.ToArray();
        if (zip.LongLength > options.MaxBodyBytes)
        {
            throw CfErrors.Unprocessable("Package exceeds the maximum size");
        }

        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Package>(guid) ?? throw CfErrors.NotFound("Package");
            transaction.Put(new PackageBits(guid, zip));
            transaction.Put(current with { State = Package.ProcessingUpload, Sha256 = Convert.ToHexStringLower(SHA256.HashData(zip)), UpdatedAt = transaction.Now });
            lifecycles.Begin(transaction, Lifecycle, guid);
            return transaction.Find<Package>(guid)!;
        });
        return CfResults.Ok(PackageResponse.From(updated, cf.Urls));
    }

    private static IResult Download(string guid, CfContext cf)
    {
        var access = cf.Access();
        var package = Visible(access, guid);
        access.Require(access.Caller.ReadsSecretsEverywhere || access.CanWriteToSpace(access.World.Find<App>(package.AppGuid)!.SpaceGuid));
        var bits = access.World.Find<PackageBits>(guid);
        if (package.Type != "bits" || package.State != Package.Ready || bits is null)
        {
            throw CfErrors.Unprocessable("Package has no bits to download.");
        }

        return Results.File(bits.Zip, "application/zip", guid + ".zip");
    }

    private static async Task<IResult> ResourceMatches(CfContext cf)
    {
        _ = cf.Caller;
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("resources");
        if (body.Json["resources"] is not System.Text.Json.Nodes.JsonArray)
        {
            body.AddError("resources", "must be an array");
        }

        body.ThrowIfInvalid();
        return CfResults.Created(new { resources = Array.Empty<object>() });
    }

}
