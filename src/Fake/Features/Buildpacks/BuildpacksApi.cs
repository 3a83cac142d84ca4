using System.Security.Cryptography;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Buildpacks;

/// <summary><c>/v3/buildpacks</c>: ordered admin-managed buildpacks with in-memory bits upload.</summary>
public sealed class BuildpacksApi : IFeatureModule
{
    public const string DeleteOperation = "buildpack.delete";
    public const string UploadOperation = "buildpack.upload";

    /// <summary>Buildpack caches are not simulated, so clearing them has nothing to remove; the job still runs.</summary>
    public const string ClearCacheOperation = "admin.clear_buildpack_cache";

    private static readonly string[] SystemBuildpacks = ["staticfile_buildpack", "java_buildpack", "ruby_buildpack", "dotnet_core_buildpack", "nodejs_buildpack", "go_buildpack", "python_buildpack", "php_buildpack", "binary_buildpack"];

    private static readonly ListSpec ListSpec = new() { Filters = ["names", "stacks", "lifecycle"], OrderBy = ["created_at", "updated_at", "position"] };

    private static readonly Dictionary<string, Func<Buildpack, IComparable?>> OrderKeys = new() { ["position"] = buildpack => buildpack.Position };

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(Seed);

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<Buildpack>("buildpack");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            transaction.Remove<Buildpack>(job.ResourceGuid!);
            transaction.Remove<BuildpackBits>(job.ResourceGuid!);
            BuildpackPositions.Close(transaction);
        });
        jobs.Register(UploadOperation, (transaction, job) =>
        {
            if (transaction.Find<Buildpack>(job.ResourceGuid) is { } buildpack)
            {
                transaction.Put(buildpack with { State = Buildpack.Ready, UpdatedAt = transaction.Now });
            }
        });

        routes.MapGet("/v3/buildpacks", List);
        routes.MapPost("/v3/buildpacks", Create);
        routes.MapGet("/v3/buildpacks/{guid}", (string guid, CfContext cf) => CfResults.Ok(BuildpackResponse.From(Find(cf, guid), cf.Urls)));
        routes.MapPatch("/v3/buildpacks/{guid}", Update);
        routes.MapDelete("/v3/buildpacks/{guid}", Delete);
        routes.MapPost("/v3/buildpacks/{guid}/upload", Upload).DisableAntiforgery();
        routes.MapPost("/v3/admin/actions/clear_buildpack_cache", (CfContext cf, JobQueue queue) =>
        {
            cf.Access().RequireAdmin();
            var job = cf.Write(transaction => queue.Enqueue(transaction, ClearCacheOperation, null, null));
            return CfResults.Job(cf.Urls, job.Guid);
        });
    }

    private static void Seed(Transaction transaction)
    {
        for (var index = 0; index < SystemBuildpacks.Length; index++)
        {
            var name = SystemBuildpacks[index];
            transaction.Put(new Buildpack(transaction.NamedGuid("buildpack/" + name), name, Buildpack.Ready, $"{name}-cflinuxfs4-v1.0.0.zip",
                "cflinuxfs4", index + 1, "buildpack", true, false, ResourceMetadata.Empty, transaction.Now, transaction.Now));
        }
    }

    private static Buildpack Find(CfContext cf, string guid)
    {
        _ = cf.Caller;
        return cf.World.Find<Buildpack>(guid) ?? throw CfErrors.NotFound("Buildpack");
    }

    private static IResult List(CfContext cf)
    {
        _ = cf.Caller;
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var buildpacks = query.Standard(cf.World.Of<Buildpack>().All.OrderBy(buildpack => buildpack.Position));
        buildpacks = query.Where(buildpacks, "names", buildpack => buildpack.Name);
        buildpacks = query.Where(buildpacks, "stacks", buildpack => buildpack.Stack);
        buildpacks = query.Where(buildpacks, "lifecycle", buildpack => buildpack.Lifecycle);
        return CfResults.Ok(query.Respond(buildpacks, buildpack => BuildpackResponse.From(buildpack, cf.Urls), cf.Urls, "/v3/buildpacks", OrderKeys));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "stack", "position", "lifecycle", "enabled", "locked", "metadata");
        var name = body.String("name", required: true, maxLength: 250);
        var stack = body.String("stack", maxLength: 250);
        var position = body.Integer("position", min: 1);
        var lifecycle = ReadLifecycle(body);
        var enabled = body.Boolean("enabled");
        var locked = body.Boolean("locked");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var buildpack = cf.Write(transaction =>
        {
            if (stack is not null && Stack.Named(transaction.World, stack) is null)
            {
                throw CfErrors.Unprocessable($"Stack '{stack}' does not exist");
            }

            EnsureUnique(transaction.World, name!, stack, lifecycle ?? "buildpack", except: null);
            var created = new Buildpack(transaction.NewGuid(), name!, Buildpack.AwaitingUpload, null, stack, 0, lifecycle ?? "buildpack",
                enabled ?? true, locked ?? false, ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now);
            return BuildpackPositions.Place(transaction, created, (int?)position);
        });
        return CfResults.Created(BuildpackResponse.From(buildpack, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        Find(cf, guid);
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "stack", "position", "enabled", "locked", "metadata");
        var name = body.String("name", maxLength: 250);
        var stack = body.String("stack", maxLength: 250);
        var position = body.Integer("position", min: 1);
        var enabled = body.Boolean("enabled");
        var locked = body.Boolean("locked");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Buildpack>(guid) ?? throw CfErrors.NotFound("Buildpack");
            if (stack is not null && Stack.Named(transaction.World, stack) is null)
            {
                throw CfErrors.Unprocessable($"Stack '{stack}' does not exist");
            }

            var changed = current with
            {
                Name = name ?? current.Name,
                Stack = stack ?? current.Stack,
                Enabled = enabled ?? current.Enabled,
                Locked = locked ?? current.Locked,
                Metadata = current.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            };
            EnsureUnique(transaction.World, changed.Name, changed.Stack, changed.Lifecycle, except: guid);
            return BuildpackPositions.Place(transaction, changed, (int?)position ?? current.Position);
        });
        return CfResults.Ok(BuildpackResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        Find(cf, guid);
        cf.Access().RequireAdmin();
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "buildpack", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Upload(string guid, CfContext cf, JobQueue jobs)
    {
        var buildpack = Find(cf, guid);
        cf.Access().RequireAdmin();
        if (buildpack.Locked)
        {
            throw CfErrors.Unprocessable("Buildpack is locked");
        }

        if (!cf.Http.Request.HasFormContentType)
        {
            throw CfErrors.Unprocessable("Bits must be a multipart/form-data upload");
        }

        var form = await cf.Http.Request.ReadFormAsync(cf.Http.RequestAborted);
        if (form.Files.GetFile("bits") is not { } file)
        {
            throw CfErrors.Unprocessable("Bits can't be blank");
        }

        if (!file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            throw CfErrors.Unprocessable($"Bits must be a zip file, found '{file.FileName}'");
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cf.Http.RequestAborted);
        var contents = memory.ToArray();
        var (uploaded, job) = cf.Write(transaction =>
        {
            var current = transaction.Find<Buildpack>(guid) ?? throw CfErrors.NotFound("Buildpack");
            transaction.Put(new BuildpackBits(guid, contents, Convert.ToHexStringLower(SHA256.HashData(contents))));
            var pending = transaction.Put(current with { Filename = file.FileName, UpdatedAt = transaction.Now });
            return (pending, jobs.Enqueue(transaction, UploadOperation, "buildpack", guid));
        });
        return CfResults.Job(cf.Urls, job.Guid, BuildpackResponse.From(uploaded, cf.Urls));
    }

    private static string? ReadLifecycle(RequestBody body)
    {
        var lifecycle = body.String("lifecycle");
        if (lifecycle is not null and not ("buildpack" or "cnb"))
        {
            body.AddError("lifecycle", "must be either \"buildpack\" or \"cnb\"");
        }

        return lifecycle;
    }

    private static void EnsureUnique(World world, string name, string? stack, string lifecycle, string? except)
    {
        var clash = world.Of<Buildpack>().All.FirstOrDefault(other =>
            other.Guid != except && other.Name == name && other.Lifecycle == lifecycle && other.Stack == stack);
        if (clash is not null)
        {
            throw CfErrors.Unprocessable(stack is null
                ? $"Buildpack with name '{name}' and an unassigned stack already exists"
                : $"Buildpack with name '{name}', stack '{stack}' and lifecycle '{lifecycle}' already exists");
        }
    }
}
