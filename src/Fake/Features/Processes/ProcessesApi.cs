using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Processes;

/// <summary><c>/v3/processes</c> and <c>/v3/apps/{guid}/processes</c>: read, update, scale, stats, restart an instance.</summary>
public sealed class ProcessesApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { Filters = ["types", "app_guids", "space_guids", "organization_guids"] };

    private static readonly ListSpec AppListSpec = new() { Filters = ["types"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/processes", List);
        routes.MapGet("/v3/apps/{guid}/processes", AppProcesses);
        routes.MapGet("/v3/processes/{guid}", (string guid, CfContext cf) => Present(cf, ById(cf.Access(), guid)));
        routes.MapGet("/v3/apps/{guid}/processes/{type}", (string guid, string type, CfContext cf) => Present(cf, ByType(cf.Access(), guid, type)));
        routes.MapPatch("/v3/processes/{guid}", (string guid, CfContext cf) => Update(cf, ById(cf.Access(), guid)));
        routes.MapPatch("/v3/apps/{guid}/processes/{type}", (string guid, string type, CfContext cf) => Update(cf, ByType(cf.Access(), guid, type)));
        routes.MapPost("/v3/processes/{guid}/actions/scale", (string guid, CfContext cf, ProcessRuntime runtime) => Scale(cf, runtime, ById(cf.Access(), guid)));
        routes.MapPost("/v3/apps/{guid}/processes/{type}/actions/scale", (string guid, string type, CfContext cf, ProcessRuntime runtime) => Scale(cf, runtime, ByType(cf.Access(), guid, type)));
        routes.MapGet("/v3/processes/{guid}/stats", (string guid, CfContext cf, Lifecycles lifecycles) => Stats(cf, lifecycles, ById(cf.Access(), guid)));
        routes.MapGet("/v3/apps/{guid}/processes/{type}/stats", (string guid, string type, CfContext cf, Lifecycles lifecycles) => Stats(cf, lifecycles, ByType(cf.Access(), guid, type)));
        routes.MapDelete("/v3/processes/{guid}/instances/{index}", (string guid, string index, CfContext cf, ProcessRuntime runtime) => Terminate(cf, runtime, ById(cf.Access(), guid), index));
        routes.MapDelete("/v3/apps/{guid}/processes/{type}/instances/{index}", (string guid, string type, string index, CfContext cf, ProcessRuntime runtime) => Terminate(cf, runtime, ByType(cf.Access(), guid, type), index));
        routes.MapGet("/v3/processes/{guid}/process_instances", (string guid, CfContext cf) =>
        {
            var process = ById(cf.Access(), guid);
            var since = process.UpdatedAt.ToUnixTimeSeconds();
            return CfResults.Ok(new
            {
                resources = Enumerable.Range(0, process.Instances).Select(index => new
                {
                    index,
                    state = index < process.InstanceStates.Count ? process.InstanceStates[index] : InstanceStates.Down,
                    since,
                }),
                links = new { self = cf.Urls.Link($"/v3/processes/{guid}/process_instances"), process = cf.Urls.Link("/v3/processes/" + guid) },
            });
        });
    }

    private static string SpaceOf(World world, Process process) => world.Find<App>(process.AppGuid)!.SpaceGuid;

    private static Process ById(Access access, string guid)
    {
        var process = access.World.Find<Process>(guid);
        return process is not null && access.CanReadSpace(SpaceOf(access.World, process)) ? process : throw CfErrors.NotFound("Process");
    }

    private static Process ByType(Access access, string appGuid, string type)
    {
        var app = AppsApi.Visible(access, appGuid);
        return ProcessRuntime.Of(access.World, app.Guid).FirstOrDefault(process => process.Type == type) ?? throw CfErrors.NotFound("Process");
    }

    /// <summary>The process with its command: the one set on it, else the one its current droplet detected.</summary>
    public static ProcessResponse Describe(World world, Process process, CfUrls urls)
    {
        var app = world.Find<App>(process.AppGuid)!;
        var detected = world.Find<Droplet>(app.CurrentDropletGuid)?.ProcessTypes.GetValueOrDefault(process.Type);
        return ProcessResponse.From(process with { Command = process.Command ?? detected }, app.SpaceGuid, urls);
    }

    private static IResult Present(CfContext cf, Process process) => CfResults.Ok(Describe(cf.World, process, cf.Urls));

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        var processes = query.Standard(world.Of<Process>()).Where(process => access.CanReadSpace(SpaceOf(world, process)));
        processes = query.Where(processes, "types", process => process.Type);
        processes = query.Where(processes, "app_guids", process => process.AppGuid);
        processes = query.Where(processes, "space_guids", process => SpaceOf(world, process));
        processes = query.Where(processes, "organization_guids", process => world.Find<Space>(SpaceOf(world, process))?.OrganizationGuid);
        return CfResults.Ok(query.Respond(processes, process => Describe(world, process, cf.Urls), cf.Urls, "/v3/processes"));
    }

    private static IResult AppProcesses(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, AppListSpec);
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        var processes = query.Where(query.Standard(ProcessRuntime.Of(access.World, app.Guid)), "types", process => process.Type);
        return CfResults.Ok(query.Respond(processes, process => Describe(access.World, process, cf.Urls), cf.Urls, $"/v3/apps/{guid}/processes"));
    }

    private static async Task<IResult> Update(CfContext cf, Process process)
    {
        var access = cf.Access();
        access.Require(access.CanManageAppsInSpace(SpaceOf(access.World, process)));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("command", "health_check", "readiness_health_check", "metadata");
        var command = body.String("command", maxLength: 4096);
        var healthCheck = ReadHealthCheck(body, process.HealthCheck);
        body.Object("readiness_health_check");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Process>(process.Guid) ?? throw CfErrors.NotFound("Process");
            return transaction.Put(current with
            {
                Command = body.Has("command") ? command : current.Command,
                HealthCheck = healthCheck,
                Metadata = current.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(Describe(cf.World, updated, cf.Urls));
    }

    private static HealthCheck ReadHealthCheck(RequestBody body, HealthCheck current)
    {
        if (body.Object("health_check") is not { } check)
        {
            return current;
        }

        check.AllowOnly("type", "data");
        var type = check.String("type") ?? current.Type;
        if (type is not ("port" or "process" or "http"))
        {
            check.AddError("type", "must be one of 'http', 'port', 'process'");
        }

        var data = check.Object("data");
        data?.AllowOnly("timeout", "invocation_timeout", "endpoint", "interval");
        var endpoint = data?.String("endpoint");
        if (endpoint is not null && type != "http")
        {
            body.AddError("health_check_type", "must be \"http\" to set a health check HTTP endpoint");
        }

        return new HealthCheck(type, (int?)data?.Integer("timeout", min: 1) ?? current.Timeout,
            (int?)data?.Integer("invocation_timeout", min: 1) ?? current.InvocationTimeout, endpoint ?? (type == "http" ? current.Endpoint ?? "/" : null));
    }

    private static async Task<IResult> Scale(CfContext cf, ProcessRuntime runtime, Process process)
    {
        var access = cf.Access();
        access.Require(access.CanManageAppsInSpace(SpaceOf(access.World, process)));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("instances", "memory_in_mb", "disk_in_mb", "log_rate_limit_in_bytes_per_second");
        var instances = body.Integer("instances", min: 0, max: 2000);
        var memory = body.Integer("memory_in_mb", min: 1);
        var disk = body.Integer("disk_in_mb", min: 1);
        var logRate = body.Integer("log_rate_limit_in_bytes_per_second", min: -1);
        body.ThrowIfInvalid();
        if (!access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "app_scaling"))
        {
            throw CfErrors.FeatureDisabled("app_scaling");
        }

        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Process>(process.Guid) ?? throw CfErrors.NotFound("Process");
            current = transaction.Put(current with
            {
                MemoryInMb = (int?)memory ?? current.MemoryInMb,
                DiskInMb = (int?)disk ?? current.DiskInMb,
                LogRateLimitInBytesPerSecond = logRate ?? current.LogRateLimitInBytesPerSecond,
                UpdatedAt = transaction.Now,
            });
            runtime.Scale(transaction, current, (int?)instances ?? current.Instances);
            return transaction.Find<Process>(process.Guid)!;
        });
        return CfResults.Accepted(Describe(cf.World, updated, cf.Urls));
    }

    private static IResult Terminate(CfContext cf, ProcessRuntime runtime, Process process, string index)
    {
        var access = cf.Access();
        access.Require(access.CanManageAppsInSpace(SpaceOf(access.World, process)));
        if (!int.TryParse(index, out var position) || position < 0 || position >= process.InstanceStates.Count)
        {
            throw CfErrors.NotFound("Instance");
        }

        cf.Write(transaction =>
        {
            var current = transaction.Find<Process>(process.Guid) ?? throw CfErrors.NotFound("Process");
            if (position >= current.InstanceStates.Count)
            {
                throw CfErrors.NotFound("Instance");
            }

            runtime.Restart(transaction, current, position);
        });
        return CfResults.NoContent();
    }

    /// <summary>Instance states and usage; a read counts as a poll of the instances' lifecycle.</summary>
    private static IResult Stats(CfContext cf, Lifecycles lifecycles, Process requested)
    {
        lifecycles.PollIfPending(cf.Foundation, ProcessRuntime.Lifecycle, requested.Guid);
        var process = cf.World.Find<Process>(requested.Guid)!;
        var now = cf.Foundation.Clock.Now;
        var resources = Enumerable.Range(0, process.Instances).Select(index =>
        {
            var state = index < process.InstanceStates.Count ? process.InstanceStates[index] : InstanceStates.Down;
            var running = state == InstanceStates.Running;
            if (state == InstanceStates.Down)
            {
                return new Dictionary<string, object?>
                {
                    ["type"] = process.Type,
                    ["index"] = index,
                    ["state"] = state,
                    ["routable"] = false,
                    ["uptime"] = 0,
                    ["isolation_segment"] = null,
                    ["details"] = null,
                };
            }

            return new Dictionary<string, object?>
            {
                ["type"] = process.Type,
                ["index"] = index,
                ["instance_guid"] = Engine.DeterministicGuid.Create(process.Guid, index),
                ["state"] = state,
                ["routable"] = running,
                ["host"] = "10.0.0." + (index + 10),
                ["instance_internal_ip"] = "10.255.0." + (index + 10),
                ["uptime"] = running ? (long)(now - process.UpdatedAt).TotalSeconds : 0,
                ["mem_quota"] = (long)process.MemoryInMb * 1024 * 1024,
                ["disk_quota"] = (long)process.DiskInMb * 1024 * 1024,
                ["log_rate_limit"] = process.LogRateLimitInBytesPerSecond < 0 ? null : process.LogRateLimitInBytesPerSecond,
                ["fds_quota"] = 16384,
                ["isolation_segment"] = null,
                ["details"] = state == InstanceStates.Crashed ? "APP/PROC/WEB: Exited with status 1" : null,
                ["instance_ports"] = new[] { new Dictionary<string, int?> { ["external"] = 61000 + index, ["internal"] = 8080, ["external_tls_proxy_port"] = null, ["internal_tls_proxy_port"] = null } },
                ["usage"] = new { time = CfJson.Timestamp(now), cpu = running ? 0.002 : 0, cpu_entitlement = running ? 0.01 : 0, mem = running ? 32L * 1024 * 1024 : 0, disk = running ? 64L * 1024 * 1024 : 0, log_rate = 0 },
            };
        });
        return CfResults.Ok(new { resources });
    }
}
