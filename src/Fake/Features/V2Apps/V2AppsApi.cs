using System.Globalization;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.ServiceBindings;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.V2Apps;

/// <summary>The V2 apps API over the same store as V3: an app created in either appears in both with the same guid.</summary>
public sealed class V2AppsApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2/apps");
        group.MapGet("/", (CfContext cf) => List(cf.Access(), cf.Http.Request.Query, _ => true, "/v2/apps"));
        group.MapPost("/", (CfContext cf, ProcessRuntime runtime) => WriteAsync(cf, runtime, null));
        group.MapGet("/{guid}", (string guid, CfContext cf) => Ok(V2AppEntity.Resource(cf.World, Visible(cf.Access(), guid), 0)));
        group.MapPut("/{guid}", (string guid, CfContext cf, ProcessRuntime runtime) => WriteAsync(cf, runtime, guid));
        group.MapDelete("/{guid}", Delete);
        group.MapGet("/{guid}/summary", Summary);
        group.MapGet("/{guid}/env", Environment);
        group.MapGet("/{guid}/stats", (string guid, CfContext cf) => Instances(cf, guid, detailed: true));
        group.MapGet("/{guid}/instances", (string guid, CfContext cf) => Instances(cf, guid, detailed: false));
        group.MapGet("/{guid}/routes", Routes);
        group.MapGet("/{guid}/service_bindings", ServiceBindings);
        group.MapPost("/{guid}/restage", Restage);
    }

    private static IResult Ok(object body, int status = StatusCodes.Status200OK) => Results.Json(body, CfJson.Options, statusCode: status);

    private static App Visible(Access access, string guid)
    {
        var app = access.World.Find<App>(guid);
        return app is not null && access.CanReadSpace(app.SpaceGuid) ? app : throw CfException.FromCatalogue("AppNotFound", guid);
    }

    /// <summary>The apps in scope the caller can see, filtered and paged: <c>/v2/apps</c> and <c>/v2/spaces/:guid/apps</c>.</summary>
    public static IResult List(Access access, IQueryCollection parameters, Func<App, bool> scope, string path)
    {
        var query = V2Query.Parse(parameters, V2AppFilters.Fields);
        var world = access.World;
        var apps = query.Select(world.Of<App>().All.Where(app => scope(app) && access.CanReadSpace(app.SpaceGuid)), (app, filter) => V2AppFilters.Matches(world, app, filter));
        return Ok(query.Envelope(apps, path, app => V2AppEntity.Resource(world, app, query.Depth)));
    }

    private static async Task<IResult> WriteAsync(CfContext cf, ProcessRuntime runtime, string? guid)
    {
        var access = cf.Access();
        var existing = guid is null ? null : Visible(access, guid);
        var body = await RequestBody.ReadAsync(cf.Http.Request);
        var name = body.String("name", required: existing is null);
        var spaceGuid = body.String("space_guid", required: existing is null);
        var instances = body.Integer("instances", min: 0);
        var memory = body.Integer("memory", min: 1);
        var disk = body.Integer("disk_quota", min: 1);
        var state = body.String("state");
        var environment = AppRequest.ReadEnvironment(body, "environment_json");
        var buildpack = body.String("buildpack");
        var dockerImage = body.String("docker_image");
        var enableSsh = body.Boolean("enable_ssh");
        if (state is not null and not (App.Started or App.Stopped))
        {
            body.AddError("state", "must be one of STARTED, STOPPED");
        }

        if (body.Errors.Count > 0)
        {
            throw CfException.FromCatalogue("AppInvalid", string.Join(", ", body.Errors));
        }

        var space = spaceGuid is null ? null : access.World.Find<Space>(spaceGuid);
        if (spaceGuid is not null && (space is null || !access.CanReadSpace(space)))
        {
            throw CfException.FromCatalogue("SpaceNotFound", spaceGuid);
        }

        access.Require(access.CanWriteToSpace(existing?.SpaceGuid ?? space!.Guid));
        var app = cf.Write(transaction =>
        {
            var current = existing is null
                ? CreateApp(transaction, name!, space!.Guid, buildpack, dockerImage)
                : transaction.Find<App>(existing.Guid) ?? throw CfException.FromCatalogue("AppNotFound", existing.Guid);
            if (name is not null && transaction.Of<App>().All.Any(other => other.SpaceGuid == current.SpaceGuid && other.Guid != current.Guid && other.Name == name))
            {
                throw CfException.FromCatalogue("AppNameTaken", name);
            }

            current = transaction.Put(current with
            {
                Name = name ?? current.Name,
                EnvironmentVariables = environment is null ? current.EnvironmentVariables : AppRequest.Apply(current.EnvironmentVariables.Clear(), environment),
                Features = enableSsh is { } ssh ? current.Features.SetItem("ssh", ssh) : current.Features,
                UpdatedAt = transaction.Now,
            });
            var web = ProcessRuntime.Of(transaction.World, current.Guid).First(process => process.Type == Process.Web);
            web = transaction.Put(web with
            {
                MemoryInMb = (int?)memory ?? web.MemoryInMb,
                DiskInMb = (int?)disk ?? web.DiskInMb,
                Command = body.Has("command") ? body.String("command") : web.Command,
            });
            if (instances is { } count)
            {
                runtime.Scale(transaction, web, (int)count);
            }

            return ChangeState(transaction, runtime, transaction.Find<App>(current.Guid)!, state);
        });
        return Ok(V2AppEntity.Resource(cf.World, app, 0), StatusCodes.Status201Created);
    }

    private static App CreateApp(Transaction transaction, string name, string spaceGuid, string? buildpack, string? dockerImage)
    {
        if (transaction.Of<App>().All.Any(app => app.SpaceGuid == spaceGuid && app.Name == name))
        {
            throw CfException.FromCatalogue("AppNameTaken", name);
        }

        var lifecycle = dockerImage is not null
            ? new AppLifecycle("docker", [], null)
            : new AppLifecycle("buildpack", buildpack is null ? [] : [buildpack], Stack.DefaultOf(transaction.World)?.Name);
        return AppsApi.CreateApp(transaction, name, spaceGuid, lifecycle, null, null);
    }

    private static App ChangeState(Transaction transaction, ProcessRuntime runtime, App app, string? state)
    {
        if (state is null || state == app.State)
        {
            return app;
        }

        if (state == App.Started && app.CurrentDropletGuid is null)
        {
            throw CfException.FromCatalogue("AppPackageInvalid", "bits have not been uploaded");
        }

        var changed = transaction.Put(app with { State = state, UpdatedAt = transaction.Now });
        if (state == App.Started)
        {
            runtime.Start(transaction, changed);
        }
        else
        {
            ProcessRuntime.Stop(transaction, changed);
        }

        return changed;
    }

    private static IResult Delete(string guid, CfContext cf, DeletionCascade cascade)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        cf.Write(transaction => cascade.Delete(transaction, transaction.Find<App>(guid) ?? throw CfException.FromCatalogue("AppNotFound", guid)));
        return Results.NoContent();
    }

    private static IResult Summary(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        var world = access.World;
        var summary = V2AppEntity.Entity(world, app, 0);
        summary["guid"] = app.Guid;
        summary["routes"] = AppRoutes(world, app.Guid).Select(route => new
        {
            guid = route.Guid,
            host = route.Host,
            port = route.Port,
            path = route.Path,
            domain = world.Find<Domain>(route.DomainGuid) is { } domain ? new { guid = domain.Guid, name = domain.Name } : null,
        }).ToList();
        summary["running_instances"] = ProcessRuntime.Of(world, app.Guid).Where(process => process.Type == Process.Web)
            .Sum(process => process.InstanceStates.Count(state => state == InstanceStates.Running));
        summary["services"] = world.Of<CredentialBinding>().All.Where(binding => binding.AppGuid == app.Guid)
            .Select(binding => world.Find<ServiceInstance>(binding.ServiceInstanceGuid)).OfType<ServiceInstance>()
            .Select(instance => new { guid = instance.Guid, name = instance.Name, bound_app_count = 1 }).ToList();
        var org = world.Find<Space>(app.SpaceGuid)?.OrganizationGuid ?? string.Empty;
        summary["available_domains"] = world.Of<Domain>().All.Where(domain => domain.IsUsableBy(org))
            .Select(domain => new { guid = domain.Guid, name = domain.Name, owning_organization_guid = domain.OrganizationGuid }).ToList();
        return Ok(summary);
    }

    private static IEnumerable<Route> AppRoutes(World world, string appGuid) =>
        world.Of<Route>().All.Where(route => route.Destinations.Any(destination => destination.AppGuid == appGuid));

    private static IResult Environment(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        access.Require(access.Caller.ReadsSecretsEverywhere || access.CanWriteToSpace(app.SpaceGuid));
        var world = access.World;
        return Ok(new Dictionary<string, object?>
        {
            ["staging_env_json"] = EnvironmentVariableGroups.EnvironmentVariableGroup.Of(world, "staging").Variables,
            ["running_env_json"] = EnvironmentVariableGroups.EnvironmentVariableGroup.Of(world, "running").Variables,
            ["environment_json"] = app.EnvironmentVariables,
            ["system_env_json"] = new Dictionary<string, object> { ["VCAP_SERVICES"] = VcapServices.For(world, app.Guid) },
            ["application_env_json"] = new Dictionary<string, object>
            {
                ["VCAP_APPLICATION"] = new Dictionary<string, object?>
                {
                    ["application_id"] = app.Guid,
                    ["application_name"] = app.Name,
                    ["name"] = app.Name,
                    ["space_id"] = app.SpaceGuid,
                    ["space_name"] = world.Find<Space>(app.SpaceGuid)?.Name,
                    ["application_uris"] = AppRoutes(world, app.Guid).Select(route => route.Url(world.Find<Domain>(route.DomainGuid)!)).ToList(),
                },
            },
        });
    }

    private static IResult Instances(CfContext cf, string guid, bool detailed)
    {
        var app = Visible(cf.Access(), guid);
        if (app.State != App.Started)
        {
            throw CfException.FromCatalogue("AppStoppedStatsError", app.Name);
        }

        var web = ProcessRuntime.Of(cf.World, app.Guid).First(process => process.Type == Process.Web);
        var now = cf.Foundation.Clock.Now;
        var instances = new Dictionary<string, object>();
        for (var index = 0; index < web.Instances; index++)
        {
            var state = index < web.InstanceStates.Count ? web.InstanceStates[index] : InstanceStates.Down;
            var key = index.ToString(CultureInfo.InvariantCulture);
            instances[key] = detailed
                ? new
                {
                    state,
                    stats = new
                    {
                        name = app.Name,
                        uris = AppRoutes(cf.World, app.Guid).Select(route => route.Url(cf.World.Find<Domain>(route.DomainGuid)!)).ToList(),
                        host = "10.0.0." + (index + 10),
                        port = 61000 + index,
                        uptime = (long)(now - web.UpdatedAt).TotalSeconds,
                        mem_quota = (long)web.MemoryInMb * 1024 * 1024,
                        disk_quota = (long)web.DiskInMb * 1024 * 1024,
                        fds_quota = 16384,
                        usage = new { time = CfJson.Timestamp(now), cpu = 0.002, mem = 32L * 1024 * 1024, disk = 64L * 1024 * 1024 },
                    },
                }
                : new { state, uptime = (long)(now - web.UpdatedAt).TotalSeconds, since = web.UpdatedAt.ToUnixTimeSeconds() };
        }

        return Ok(instances);
    }

    private static IResult Routes(string guid, CfContext cf)
    {
        var app = Visible(cf.Access(), guid);
        var query = V2Query.Parse(cf.Http.Request.Query, []);
        var world = cf.World;
        return Ok(query.Envelope(AppRoutes(world, app.Guid).ToList(), $"/v2/apps/{guid}/routes", route => V2Resource.Of(route.Guid, "/v2/routes/", route.CreatedAt, route.UpdatedAt,
            new Dictionary<string, object?>
            {
                ["host"] = route.Host,
                ["path"] = route.Path,
                ["domain_guid"] = route.DomainGuid,
                ["space_guid"] = route.SpaceGuid,
                ["port"] = route.Port,
                ["domain_url"] = "/v2/shared_domains/" + route.DomainGuid,
                ["space_url"] = "/v2/spaces/" + route.SpaceGuid,
            })));
    }

    private static IResult ServiceBindings(string guid, CfContext cf)
    {
        var app = Visible(cf.Access(), guid);
        var query = V2Query.Parse(cf.Http.Request.Query, []);
        var world = cf.World;
        var bindings = world.Of<CredentialBinding>().All.Where(binding => binding.AppGuid == app.Guid).ToList();
        return Ok(query.Envelope(bindings, $"/v2/apps/{guid}/service_bindings", binding => V2Resource.Of(binding.Guid, "/v2/service_bindings/", binding.CreatedAt, binding.UpdatedAt,
            new Dictionary<string, object?>
            {
                ["app_guid"] = app.Guid,
                ["service_instance_guid"] = binding.ServiceInstanceGuid,
                ["credentials"] = world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.Credentials ?? new JsonObject(),
                ["name"] = binding.Name,
                ["app_url"] = "/v2/apps/" + app.Guid,
            })));
    }

    private static IResult Restage(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(app.SpaceGuid));
        if (app.CurrentDropletGuid is null)
        {
            throw CfException.FromCatalogue("NotStaged");
        }

        return Ok(V2AppEntity.Resource(cf.World, app, 0), StatusCodes.Status201Created);
    }
}
