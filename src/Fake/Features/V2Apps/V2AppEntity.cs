using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Builds;
using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Features.V2Spaces;
using CloudFoundry.Fake.Features.V2Stacks;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Apps;

/// <summary>The V2 view of a V3 app and its web process: same guid, same store, V2 field names.</summary>
public static class V2AppEntity
{
    public static Dictionary<string, object?> Resource(World world, App app, int depth) =>
        V2Resource.Of(app.Guid, "/v2/apps/", app.CreatedAt, app.UpdatedAt, Entity(world, app, depth));

    public static Dictionary<string, object?> Entity(World world, App app, int depth)
    {
        var web = ProcessRuntime.Of(world, app.Guid).FirstOrDefault(process => process.Type == Process.Web);
        var droplet = world.Find<Droplet>(app.CurrentDropletGuid);
        var lastBuild = world.Of<Build>().All.LastOrDefault(build => build.AppGuid == app.Guid);
        var stack = app.Lifecycle.Stack is { } stackName ? Stack.Named(world, stackName) : null;
        var docker = app.Lifecycle.Type == "docker";
        var entity = new Dictionary<string, object?>
        {
            ["name"] = app.Name,
            ["production"] = false,
            ["space_guid"] = app.SpaceGuid,
            ["stack_guid"] = stack?.Guid,
            ["buildpack"] = app.Lifecycle.Buildpacks.FirstOrDefault(),
            ["detected_buildpack"] = droplet?.Buildpacks.FirstOrDefault(),
            ["detected_buildpack_guid"] = null,
            ["environment_json"] = app.EnvironmentVariables.IsEmpty ? null : app.EnvironmentVariables,
            ["memory"] = web?.MemoryInMb ?? Process.DefaultMemoryInMb,
            ["instances"] = web?.Instances ?? 1,
            ["disk_quota"] = web?.DiskInMb ?? Process.DefaultDiskInMb,
            ["state"] = app.State,
            ["version"] = web?.Version,
            ["command"] = web?.Command,
            ["console"] = false,
            ["debug"] = null,
            ["staging_task_id"] = lastBuild?.Guid,
            ["package_state"] = droplet is not null ? "STAGED" : lastBuild?.State == Build.Failed ? "FAILED" : "PENDING",
            ["health_check_http_endpoint"] = web?.HealthCheck.Endpoint ?? string.Empty,
            ["health_check_type"] = web?.HealthCheck.Type ?? "port",
            ["health_check_timeout"] = web?.HealthCheck.Timeout,
            ["staging_failed_reason"] = lastBuild?.State == Build.Failed ? lastBuild.Error?.Split(" - ")[0] : null,
            ["staging_failed_description"] = lastBuild?.State == Build.Failed ? lastBuild.Error?.Split(" - ").Last() : null,
            ["diego"] = true,
            ["docker_image"] = docker ? droplet?.Image : null,
            ["docker_credentials"] = new { username = (string?)null, password = (string?)null },
            ["package_updated_at"] = CfJson.Timestamp(app.UpdatedAt),
            ["detected_start_command"] = droplet?.ProcessTypes.GetValueOrDefault(Process.Web) ?? string.Empty,
            ["enable_ssh"] = app.Features.GetValueOrDefault("ssh"),
            ["ports"] = docker ? null : new[] { 8080 },
            ["space_url"] = "/v2/spaces/" + app.SpaceGuid,
            ["stack_url"] = stack is null ? null : "/v2/stacks/" + stack.Guid,
            ["routes_url"] = $"/v2/apps/{app.Guid}/routes",
            ["events_url"] = $"/v2/apps/{app.Guid}/events",
            ["service_bindings_url"] = $"/v2/apps/{app.Guid}/service_bindings",
            ["route_mappings_url"] = $"/v2/apps/{app.Guid}/route_mappings",
        };
        if (depth > 0)
        {
            entity["space"] = world.Find<Space>(app.SpaceGuid) is { } space ? V2SpaceEntity.Resource(world, space, depth - 1) : null;
            entity["stack"] = stack is null ? null : V2StackEntity.Resource(stack);
        }

        return entity;
    }
}
