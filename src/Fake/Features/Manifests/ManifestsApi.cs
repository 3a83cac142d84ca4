using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.AuditEvents;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Routes;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.Manifests;

/// <summary>
/// <c>POST /v3/spaces/{guid}/actions/apply_manifest</c> (async job <c>space.apply_manifest</c>, as <c>cf push</c> uses it)
/// and <c>GET /v3/apps/{guid}/manifest</c>.
/// </summary>
public sealed class ManifestsApi : IFeatureModule
{
    public const string ApplyOperation = "space.apply_manifest";

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var runtime = routes.ServiceProvider.GetRequiredService<ProcessRuntime>();
        jobs.Register(ApplyOperation, (transaction, job) =>
        {
            var pending = transaction.Find<PendingManifest>(job.Guid) ?? throw CfErrors.NotFound("Manifest");
            transaction.Remove<PendingManifest>(job.Guid);
            foreach (var app in pending.Apps)
            {
                Apply(transaction, runtime, pending.SpaceGuid, app);
            }
        });

        routes.MapPost("/v3/spaces/{guid}/actions/apply_manifest", ApplyManifest);
        routes.MapGet("/v3/apps/{guid}/manifest", Manifest);
        routes.MapPost("/v3/spaces/{guid}/manifest_diff", DiffAsync);
    }

    private static async Task<IResult> ApplyManifest(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var space = SpacesApi.Visible(access, guid);
        access.Require(access.CanWriteToSpace(space.Guid));
        using var reader = new StreamReader(cf.Http.Request.Body);
        var yaml = await reader.ReadToEndAsync(cf.Http.RequestAborted);
        var entries = AppManifest.Applications(yaml);
        var apps = AppManifest.Parse(entries);
        var actor = AuditActor.Of(cf.Caller);
        var job = cf.Write(transaction =>
        {
            for (var index = 0; index < apps.Count; index++)
            {
                var app = FindOrCreateSkeleton(transaction, actor, space, apps[index]);
                AuditEvent.Record(transaction, "audit.app.apply_manifest", actor, new AuditTarget(app.Guid, "app", app.Name),
                    new JsonObject { ["request"] = new JsonObject { ["manifest"] = AppManifest.AuditedYaml(entries[index]) } }, space.Guid, space.OrganizationGuid);
            }

            return jobs.Enqueue(transaction, ApplyOperation, "space", space.Guid, prepare: created => transaction.Put(new PendingManifest(created.Guid, space.Guid, [.. apps])));
        });
        return CfResults.Job(cf.Urls, job.Guid);
    }

    /// <summary>As Cloud Controller does before the job runs: every app the manifest names exists (created and audited when new).</summary>
    private static App FindOrCreateSkeleton(Transaction transaction, AuditActor actor, Space space, AppManifest manifest)
    {
        if (FindApp(transaction.World, space.Guid, manifest.Name) is { } existing)
        {
            return existing;
        }

        var app = AppsApi.CreateApp(transaction, manifest.Name, space.Guid, LifecycleOf(transaction.World, manifest), null, null);
        AuditEvent.Record(transaction, "audit.app.create", actor, new AuditTarget(app.Guid, "app", app.Name),
            new JsonObject { ["request"] = new JsonObject { ["name"] = app.Name, ["relationships"] = new JsonObject { ["space"] = new JsonObject { ["data"] = new JsonObject { ["guid"] = space.Guid } } } } },
            space.Guid, space.OrganizationGuid);
        return app;
    }

    private static App? FindApp(World world, string spaceGuid, string name) =>
        world.Of<App>().All.FirstOrDefault(app => app.SpaceGuid == spaceGuid && string.Equals(app.Name, name, StringComparison.OrdinalIgnoreCase));

    private static AppLifecycle? LifecycleOf(World world, AppManifest manifest) =>
        manifest.DockerImage is not null
            ? new AppLifecycle("docker", [], null)
            : manifest.Buildpacks is not null || manifest.Stack is not null
                ? new AppLifecycle("buildpack", [.. manifest.Buildpacks ?? []], manifest.Stack ?? Stack.DefaultOf(world)?.Name)
                : null;

    private static async Task<IResult> DiffAsync(string guid, CfContext cf)
    {
        var access = cf.Access();
        var space = SpacesApi.Visible(access, guid);
        access.Require(access.CanWriteToSpace(space.Guid));
        using var reader = new StreamReader(cf.Http.Request.Body);
        var wanted = AppManifest.Applications(await reader.ReadToEndAsync(cf.Http.RequestAborted));
        var diff = new System.Text.Json.Nodes.JsonArray();
        for (var index = 0; index < wanted.Count; index++)
        {
            var requested = ManifestDiff.ToJson(wanted[index]);
            var name = requested?["name"]?.ToString();
            var existing = access.World.Of<App>().All.FirstOrDefault(app => app.SpaceGuid == space.Guid && app.Name == name);
            var current = existing is null ? null : ManifestDiff.ToJson(AppManifest.Applications(ManifestOf(access.World, existing))[0]);
            ManifestDiff.Compare(current, requested, $"/applications/{index}", diff);
        }

        return Results.Json(new { diff }, CfJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static void Apply(Transaction transaction, ProcessRuntime runtime, string spaceGuid, AppManifest manifest)
    {
        var lifecycle = LifecycleOf(transaction.World, manifest);
        var app = FindApp(transaction.World, spaceGuid, manifest.Name) ?? AppsApi.CreateApp(transaction, manifest.Name, spaceGuid, lifecycle, null, null);
        app = transaction.Put(app with
        {
            Lifecycle = lifecycle ?? app.Lifecycle,
            EnvironmentVariables = manifest.Env is null ? app.EnvironmentVariables : app.EnvironmentVariables.SetItems(manifest.Env),
            UpdatedAt = transaction.Now,
        });
        var web = ProcessRuntime.Of(transaction.World, app.Guid).First(process => process.Type == Process.Web);
        web = transaction.Put(web with
        {
            MemoryInMb = manifest.MemoryInMb ?? web.MemoryInMb,
            DiskInMb = manifest.DiskInMb ?? web.DiskInMb,
            Command = manifest.Command ?? web.Command,
            HealthCheck = manifest.HealthCheckType is { } type ? web.HealthCheck with { Type = type } : web.HealthCheck,
        });
        if (manifest.Instances is { } instances)
        {
            runtime.Scale(transaction, web, instances);
        }

        if (manifest.NoRoute)
        {
            return;
        }

        var hostnames = manifest.Routes ?? (manifest.DefaultRoute ? [DefaultRoute(transaction.World, manifest.Name)] : []);
        foreach (var hostname in hostnames)
        {
            MapRoute(transaction, app, hostname);
        }
    }

    private static string DefaultRoute(World world, string appName)
    {
        var domain = world.Of<Domain>().All.FirstOrDefault(domain => domain.IsShared && !domain.Internal && !domain.IsTcp)
                     ?? throw CfErrors.Unprocessable("No default domain available to create the default route.");
        return $"{appName.ToLowerInvariant()}.{domain.Name}";
    }

    private static void MapRoute(Transaction transaction, App app, string url)
    {
        var slash = url.IndexOf('/', StringComparison.Ordinal);
        var hostAndDomain = slash < 0 ? url : url[..slash];
        var path = slash < 0 ? string.Empty : url[slash..];
        var space = transaction.Find<Space>(app.SpaceGuid)!;
        var domain = transaction.Of<Domain>().All
            .Where(domain => domain.IsUsableBy(space.OrganizationGuid) &&
                             (hostAndDomain == domain.Name || hostAndDomain.EndsWith("." + domain.Name, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(domain => domain.Name.Length)
            .FirstOrDefault() ?? throw CfErrors.Unprocessable($"The route '{url}' did not match any existing domains.");
        var host = hostAndDomain == domain.Name ? string.Empty : hostAndDomain[..^(domain.Name.Length + 1)];
        var route = transaction.Of<Route>().All.FirstOrDefault(route => route.DomainGuid == domain.Guid && route.Host == host && route.Path == path)
                    ?? transaction.Put(new Route(transaction.NewGuid(), host, path, null, domain.Guid, space.Guid, [], [], null, ResourceMetadata.Empty, transaction.Now, transaction.Now));
        if (route.SpaceGuid != space.Guid && !route.SharedSpaceGuids.Contains(space.Guid))
        {
            throw CfErrors.Unprocessable($"For application '{app.Name}': For route '{url}': Routes cannot be mapped to destinations in different spaces");
        }

        if (route.Destinations.Any(destination => destination.AppGuid == app.Guid))
        {
            return;
        }

        var destination = new RouteDestination(transaction.NewGuid(), app.Guid, Process.Web, 8080, null, domain.IsTcp ? "tcp" : "http1", transaction.Now, transaction.Now);
        transaction.Put(route with { Destinations = route.Destinations.Add(destination), UpdatedAt = transaction.Now });
    }

    private static IResult Manifest(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        access.Require(access.Caller.ReadsSecretsEverywhere || access.CanWriteToSpace(app.SpaceGuid));
        return Results.Text(ManifestOf(access.World, app), "application/x-yaml");
    }

    /// <summary>The manifest that describes the app as it is now (what <c>cf create-app-manifest</c> writes).</summary>
    public static string ManifestOf(World world, App app)
    {
        var lines = new List<string> { "---", "applications:", $"- name: {app.Name}" };
        if (app.Lifecycle.Type == "buildpack")
        {
            if (!app.Lifecycle.Buildpacks.IsEmpty)
            {
                lines.Add("  buildpacks:");
                lines.AddRange(app.Lifecycle.Buildpacks.Select(buildpack => $"  - {buildpack}"));
            }

            lines.Add($"  stack: {app.Lifecycle.Stack}");
        }

        if (!app.EnvironmentVariables.IsEmpty)
        {
            lines.Add("  env:");
            lines.AddRange(app.EnvironmentVariables.Select(pair => $"    {pair.Key}: {pair.Value}"));
        }

        var routes = world.Of<Route>().All.Where(route => route.Destinations.Any(destination => destination.AppGuid == app.Guid)).ToList();
        if (routes.Count > 0)
        {
            lines.Add("  routes:");
            lines.AddRange(routes.Select(route => $"  - route: {route.Url(world.Find<Domain>(route.DomainGuid)!)}"));
        }

        lines.Add("  processes:");
        foreach (var process in ProcessRuntime.Of(world, app.Guid))
        {
            lines.Add($"  - type: {process.Type}");
            lines.Add($"    instances: {process.Instances}");
            lines.Add($"    memory: {process.MemoryInMb}M");
            lines.Add($"    disk_quota: {process.DiskInMb}M");
            lines.Add($"    health-check-type: {process.HealthCheck.Type}");
        }

        return string.Join('\n', lines) + "\n";
    }
}

/// <summary>A manifest waiting for its apply job (keyed by the job's guid).</summary>
public sealed record PendingManifest(string Guid, string SpaceGuid, ImmutableList<AppManifest> Apps) : IResource;
