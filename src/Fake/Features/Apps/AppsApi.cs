using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Builds;
using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Packages;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.Apps;

/// <summary><c>/v3/apps</c>: create, read, list, update, delete (async), start, stop, restart.</summary>
public sealed class AppsApi : IFeatureModule
{
    public const string DeleteOperation = "app.delete";

    private static readonly string[] IncludeValues = ["space", "space.organization"];

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["names", "space_guids", "organization_guids", "stacks", "lifecycle_type"],
        OrderBy = ["created_at", "updated_at", "name", "state"],
        Includes = IncludeValues,
    };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = IncludeValues };

    private static readonly Dictionary<string, Func<App, IComparable?>> OrderKeys = new()
    {
        ["name"] = app => app.Name,
        ["state"] = app => app.State,
    };

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<ProcessRuntime>();
        services.AddSingleton<Staging>();
        services.AddSingleton<UsageCounter>(CountUsage);
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        var provider = routes.ServiceProvider;
        provider.GetRequiredService<AppDirectory>().Use((world, guid) => world.Find<App>(guid)?.SpaceGuid);
        provider.GetRequiredService<Staging>();
        var jobs = provider.GetRequiredService<JobQueue>();
        var cascade = provider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<App>("app");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            if (transaction.Find<App>(job.ResourceGuid) is { } app)
            {
                cascade.Delete(transaction, app);
            }
        });
        cascade.OnDelete<Space>((transaction, space) =>
        {
            foreach (var app in transaction.Of<App>().All.Where(app => app.SpaceGuid == space.Guid).ToList())
            {
                cascade.Delete(transaction, app);
            }
        });
        cascade.OnDelete<App>(RemoveOwned);

        var group = routes.MapGroup("/v3/apps");
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{guid}", Get);
        group.MapPatch("/{guid}", Update);
        group.MapDelete("/{guid}", Delete);
        group.MapPost("/{guid}/actions/start", (string guid, CfContext cf, ProcessRuntime runtime) => ChangeState(guid, cf, runtime, start: true, restart: false));
        group.MapPost("/{guid}/actions/stop", (string guid, CfContext cf, ProcessRuntime runtime) => ChangeState(guid, cf, runtime, start: false, restart: false));
        group.MapPost("/{guid}/actions/clear_buildpack_cache", (string guid, CfContext cf, JobQueue queue) =>
        {
            var access = cf.Access();
            var app = Visible(access, guid);
            access.Require(access.CanManageAppsInSpace(app.SpaceGuid));
            var job = cf.Write(transaction => queue.Enqueue(transaction, "app.clear_buildpack_cache", "app", guid));
            return CfResults.Job(cf.Urls, job.Guid);
        });
        group.MapPost("/{guid}/actions/restart", (string guid, CfContext cf, ProcessRuntime runtime) => ChangeState(guid, cf, runtime, start: true, restart: true));
    }

    public static App Visible(Access access, string guid)
    {
        var app = access.World.Find<App>(guid);
        return app is not null && access.CanReadSpace(app.SpaceGuid) ? app : throw CfErrors.NotFound("App");
    }

    private static void RemoveOwned(Transaction transaction, App app)
    {
        transaction.RemoveWhere<Process>(process => process.AppGuid == app.Guid);
        foreach (var package in transaction.Of<Package>().All.Where(package => package.AppGuid == app.Guid).ToList())
        {
            transaction.Remove<PackageBits>(package.Guid);
        }

        transaction.RemoveWhere<Package>(package => package.AppGuid == app.Guid);
        transaction.RemoveWhere<Build>(build => build.AppGuid == app.Guid);
        foreach (var droplet in transaction.Of<Droplet>().All.Where(droplet => droplet.AppGuid == app.Guid).ToList())
        {
            transaction.Remove<DropletBits>(droplet.Guid);
        }

        transaction.RemoveWhere<Droplet>(droplet => droplet.AppGuid == app.Guid);
        foreach (var route in transaction.Of<Route>().All.Where(route => route.Destinations.Any(destination => destination.AppGuid == app.Guid)).ToList())
        {
            transaction.Put(route with { Destinations = route.Destinations.RemoveAll(destination => destination.AppGuid == app.Guid) });
        }
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        var apps = query.Standard(world.Of<App>()).Where(app => access.CanReadSpace(app.SpaceGuid));
        apps = query.Where(apps, "names", app => app.Name);
        apps = query.Where(apps, "space_guids", app => app.SpaceGuid);
        apps = query.Where(apps, "organization_guids", app => world.Find<Space>(app.SpaceGuid)?.OrganizationGuid);
        apps = query.Where(apps, "stacks", app => app.Lifecycle.Stack);
        apps = query.Where(apps, "lifecycle_type", app => app.Lifecycle.Type);
        var selected = apps.ToList();
        return CfResults.Ok(query.Respond(selected, app => AppResponse.From(app, cf.Urls), cf.Urls, "/v3/apps", OrderKeys, Included(query, world, selected, cf.Urls)));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, GetSpec);
        var access = cf.Access();
        var app = Visible(access, guid);
        return CfResults.Ok(AppResponse.From(app, cf.Urls), Included(query, access.World, [app], cf.Urls));
    }

    private static Dictionary<string, IReadOnlyList<object>>? Included(ListQuery query, World world, IReadOnlyCollection<App> apps, CfUrls urls)
    {
        if (query.Includes.Count == 0)
        {
            return null;
        }

        var spaceGuids = apps.Select(app => app.SpaceGuid).ToList();
        var included = new Dictionary<string, IReadOnlyList<object>> { ["spaces"] = Spaces.Included.Spaces(world, spaceGuids, urls) };
        if (query.IsIncluded("space.organization"))
        {
            included["organizations"] = Spaces.Included.OrganizationsOfSpaces(world, spaceGuids, urls);
        }

        return included;
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "relationships", "lifecycle", "environment_variables", "metadata");
        var name = body.String("name", required: true, maxLength: 255);
        var spaceGuid = body.ToOneRelationship("space");
        var lifecycle = AppRequest.ReadLifecycle(body, Stack.DefaultOf(access.World)?.Name);
        var environment = AppRequest.ReadEnvironment(body, "environment_variables");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var space = access.World.Find<Space>(spaceGuid);
        if (space is null || !access.CanReadSpace(space))
        {
            throw CfErrors.Unprocessable("Invalid space. Ensure that the space exists and you have access to it.");
        }

        access.Require(access.CanWriteToSpace(space.Guid));
        RequireLifecycleFlags(access, lifecycle);
        var app = cf.Write(transaction => CreateApp(transaction, name!, space.Guid, lifecycle, environment, metadata));
        return CfResults.Created(AppResponse.From(app, cf.Urls));
    }

    /// <summary>Creates an app with its web process, as <c>POST /v3/apps</c> and manifests do.</summary>
    public static App CreateApp(Transaction transaction, string name, string spaceGuid, AppLifecycle? lifecycle, Dictionary<string, string?>? environment, MetadataUpdate? metadata)
    {
        EnsureUniqueName(transaction.World, spaceGuid, name, except: null);
        return PutNewApp(transaction, name, spaceGuid, lifecycle, environment, metadata);
    }

    /// <summary>
    /// Creates many stopped apps with their web processes (the same GUIDs as creating them one by one), writing each table
    /// once; names must be unique in the space and new to it.
    /// </summary>
    public static IReadOnlyList<App> CreateApps(Transaction transaction, string spaceGuid, IReadOnlyList<string> names, Func<int, MetadataUpdate?>? metadata = null)
    {
        var taken = transaction.World.Of<App>().All
            .Where(app => app.SpaceGuid == spaceGuid)
            .Select(app => app.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.FirstOrDefault(name => !taken.Add(name)) is { } duplicate)
        {
            throw CfErrors.Uniqueness($"App with the name '{duplicate}' already exists.");
        }

        var apps = new List<App>(names.Count);
        var processes = new List<Process>(names.Count);
        for (var index = 0; index < names.Count; index++)
        {
            apps.Add(NewApp(transaction, names[index], spaceGuid, null, null, metadata?.Invoke(index)));
            processes.Add(ProcessRuntime.NewWeb(transaction, apps[^1].Guid));
        }

        transaction.PutRange(apps);
        transaction.PutRange(processes);
        return apps;
    }

    private static App PutNewApp(Transaction transaction, string name, string spaceGuid, AppLifecycle? lifecycle, Dictionary<string, string?>? environment, MetadataUpdate? metadata)
    {
        var app = transaction.Put(NewApp(transaction, name, spaceGuid, lifecycle, environment, metadata));
        ProcessRuntime.CreateWeb(transaction, app.Guid);
        return app;
    }

    private static App NewApp(Transaction transaction, string name, string spaceGuid, AppLifecycle? lifecycle, Dictionary<string, string?>? environment, MetadataUpdate? metadata) => new(
        transaction.NewGuid(), name, spaceGuid, App.Stopped,
        lifecycle ?? new AppLifecycle("buildpack", [], Stack.DefaultOf(transaction.World)?.Name),
        null, AppRequest.Apply(ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal), environment),
        App.DefaultFeatures, ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now);

    private static void RequireLifecycleFlags(Access access, AppLifecycle? lifecycle)
    {
        if (lifecycle?.Type == "docker" && !access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "diego_docker"))
        {
            throw CfErrors.FeatureDisabled("diego_docker");
        }

        if (lifecycle?.Type == "cnb" && !access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "diego_cnb"))
        {
            throw CfErrors.FeatureDisabled("diego_cnb");
        }
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "lifecycle", "metadata");
        var name = body.String("name", maxLength: 255);
        var lifecycle = AppRequest.ReadLifecycle(body, app.Lifecycle.Stack);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        if (lifecycle is not null && lifecycle.Type != app.Lifecycle.Type)
        {
            throw CfErrors.Unprocessable("Lifecycle type cannot be changed");
        }

        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<App>(guid) ?? throw CfErrors.NotFound("App");
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, current.SpaceGuid, name, except: guid);
            }

            return transaction.Put(current with
            {
                Name = name ?? current.Name,
                Lifecycle = lifecycle ?? current.Lifecycle,
                Metadata = current.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(AppResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "app", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static IResult ChangeState(string guid, CfContext cf, ProcessRuntime runtime, bool start, bool restart)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(app.SpaceGuid));
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<App>(guid) ?? throw CfErrors.NotFound("App");
            if (start && current.CurrentDropletGuid is null)
            {
                throw CfErrors.Unprocessable("Assign a droplet before starting this app.");
            }

            if (restart || !start)
            {
                ProcessRuntime.Stop(transaction, current);
            }

            var changed = transaction.Put(current with { State = start ? App.Started : App.Stopped, UpdatedAt = transaction.Now });
            if (start && (restart || current.State != App.Started))
            {
                runtime.Start(transaction, changed);
                Revisions.RevisionHistory.Record(transaction, changed);
            }

            return changed;
        });
        return CfResults.Ok(AppResponse.From(updated, cf.Urls));
    }

    private static void EnsureUniqueName(World world, string spaceGuid, string name, string? except)
    {
        if (world.Of<App>().All.Any(app => app.SpaceGuid == spaceGuid && app.Guid != except && string.Equals(app.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CfErrors.Uniqueness($"App with the name '{name}' already exists.");
        }
    }

    private static UsageSummary CountUsage(World world, UsageScope scope)
    {
        var started = world.Of<App>().All
            .Where(app => app.State == App.Started)
            .Where(app => scope.SpaceGuid is null || app.SpaceGuid == scope.SpaceGuid)
            .Where(app => scope.OrganizationGuid is null || world.Find<Space>(app.SpaceGuid)?.OrganizationGuid == scope.OrganizationGuid)
            .Select(app => app.Guid)
            .ToHashSet();
        var processes = world.Of<Process>().All.Where(process => started.Contains(process.AppGuid)).ToList();
        return new UsageSummary(
            StartedInstances: processes.Sum(process => (long)process.Instances),
            MemoryInMb: processes.Sum(process => (long)process.Instances * process.MemoryInMb));
    }
}
