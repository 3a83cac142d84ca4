using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Apps;

/// <summary>An app's environment, current droplet, features, SSH and permission views.</summary>
public sealed class AppDetailsApi : IFeatureModule
{
    private static readonly Dictionary<string, string> FeatureDescriptions = new()
    {
        ["ssh"] = "Enable SSHing into the app.",
        ["revisions"] = "Enable versioning of an application",
        ["service-binding-k8s"] = "Enable k8s service bindings for the app",
        ["file-based-vcap-services"] = "Enable file-based VCAP service bindings for the app",
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v3/apps/{guid}");
        group.MapGet("/env", Environment);
        group.MapGet("/environment_variables", EnvironmentVariables);
        group.MapPatch("/environment_variables", UpdateEnvironmentVariables);
        group.MapGet("/droplets/current", CurrentDroplet);
        group.MapGet("/relationships/current_droplet", (string guid, CfContext cf) => CfResults.Ok(CurrentDropletRelationship(AppsApi.Visible(cf.Access(), guid), cf.Urls)));
        group.MapPatch("/relationships/current_droplet", SetCurrentDroplet);
        group.MapGet("/features", (string guid, CfContext cf) =>
        {
            var app = AppsApi.Visible(cf.Access(), guid);
            return CfResults.Ok(new
            {
                resources = app.Features.Select(feature => PresentFeature(feature.Key, feature.Value)),
                pagination = new { total_results = app.Features.Count, total_pages = 1, first = cf.Urls.Link($"/v3/apps/{guid}/features"), last = cf.Urls.Link($"/v3/apps/{guid}/features"), next = (Link?)null, previous = (Link?)null },
            });
        });
        group.MapGet("/features/{name}", (string guid, string name, CfContext cf) =>
        {
            var app = AppsApi.Visible(cf.Access(), guid);
            return app.Features.TryGetValue(name, out var enabled) ? CfResults.Ok(PresentFeature(name, enabled)) : throw CfErrors.NotFound("Feature");
        });
        group.MapPatch("/features/{name}", UpdateFeature);
        group.MapGet("/ssh_enabled", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var app = AppsApi.Visible(access, guid);
            var space = access.World.Find<Space>(app.SpaceGuid)!;
            var reason = !space.SshEnabled ? "Disabled for space " + space.Name : !app.Features["ssh"] ? "Disabled for app" : string.Empty;
            return CfResults.Ok(new { enabled = reason.Length == 0, reason });
        });
        group.MapGet("/permissions", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var app = AppsApi.Visible(access, guid);
            return CfResults.Ok(new { read_basic_data = true, read_sensitive_data = CanReadSecrets(access, app) });
        });
    }

    private static bool CanReadSecrets(Access access, App app) =>
        access.Caller.ReadsSecretsEverywhere ||
        (access.HasSpaceRole(app.SpaceGuid, RoleTypes.SpaceDeveloper, RoleTypes.SpaceSupporter) && FeatureFlag.IsEnabled(access.World, "space_developer_env_var_visibility"));

    private static App Secretive(CfContext cf, string guid)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        access.Require(CanReadSecrets(access, app));
        return app;
    }

    private static IResult Environment(string guid, CfContext cf)
    {
        var app = Secretive(cf, guid);
        var world = cf.World;
        var space = world.Find<Space>(app.SpaceGuid)!;
        var org = world.Find<Organization>(space.OrganizationGuid)!;
        var web = ProcessRuntime.Of(world, app.Guid).FirstOrDefault(process => process.Type == Process.Web);
        var uris = world.Of<Routes.Route>().All
            .Where(route => route.Destinations.Any(destination => destination.AppGuid == app.Guid))
            .Select(route => route.Url(world.Find<Domains.Domain>(route.DomainGuid)!))
            .ToList();
        var vcapApplication = new Dictionary<string, object?>
        {
            ["cf_api"] = cf.Urls.Base,
            ["limits"] = new { fds = 16384, mem = web?.MemoryInMb ?? Process.DefaultMemoryInMb, disk = web?.DiskInMb ?? Process.DefaultDiskInMb },
            ["application_name"] = app.Name,
            ["application_uris"] = uris,
            ["name"] = app.Name,
            ["space_name"] = space.Name,
            ["space_id"] = space.Guid,
            ["organization_id"] = org.Guid,
            ["organization_name"] = org.Name,
            ["uris"] = uris,
            ["users"] = null,
            ["application_id"] = app.Guid,
        };
        return CfResults.Ok(new
        {
            staging_env_json = EnvironmentVariableGroups.EnvironmentVariableGroup.Of(world, "staging").Variables,
            running_env_json = EnvironmentVariableGroups.EnvironmentVariableGroup.Of(world, "running").Variables,
            environment_variables = app.EnvironmentVariables,
            system_env_json = new Dictionary<string, object> { ["VCAP_SERVICES"] = ServiceBindings.VcapServices.For(world, app.Guid) },
            application_env_json = new Dictionary<string, object> { ["VCAP_APPLICATION"] = vcapApplication },
        });
    }

    private static IResult EnvironmentVariables(string guid, CfContext cf) => CfResults.Ok(PresentVariables(Secretive(cf, guid), cf.Urls));

    private static async Task<IResult> UpdateEnvironmentVariables(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(app.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("var");
        var changes = AppRequest.ReadEnvironment(body, "var");
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<App>(guid) ?? throw CfErrors.NotFound("App");
            return transaction.Put(current with { EnvironmentVariables = AppRequest.Apply(current.EnvironmentVariables, changes), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(PresentVariables(updated, cf.Urls));
    }

    private static object PresentVariables(App app, CfUrls urls) => new
    {
        var = app.EnvironmentVariables,
        links = new { self = urls.Link($"/v3/apps/{app.Guid}/environment_variables"), app = urls.Link("/v3/apps/" + app.Guid) },
    };

    private static IResult CurrentDroplet(string guid, CfContext cf)
    {
        var app = AppsApi.Visible(cf.Access(), guid);
        var droplet = cf.World.Find<Droplet>(app.CurrentDropletGuid) ?? throw CfErrors.NotFound("Droplet");
        return CfResults.Ok(DropletResponse.From(droplet, cf.Urls));
    }

    private static async Task<IResult> SetCurrentDroplet(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(app.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var dropletGuid = body.Object("data", required: true)?.String("guid", required: true);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<App>(guid) ?? throw CfErrors.NotFound("App");
            var droplet = transaction.Find<Droplet>(dropletGuid);
            if (droplet is null || droplet.AppGuid != guid || droplet.State != Droplet.Staged)
            {
                throw CfErrors.Unprocessable("Unable to assign current droplet. Ensure the droplet exists and belongs to this app.");
            }

            ProcessRuntime.EnsureTypes(transaction, guid, droplet.ProcessTypes.Keys);
            return transaction.Put(current with { CurrentDropletGuid = droplet.Guid, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(CurrentDropletRelationship(updated, cf.Urls));
    }

    private static object CurrentDropletRelationship(App app, CfUrls urls) => new
    {
        data = app.CurrentDropletGuid is null ? null : new GuidReference(app.CurrentDropletGuid),
        links = new
        {
            self = urls.Link($"/v3/apps/{app.Guid}/relationships/current_droplet"),
            related = urls.Link($"/v3/apps/{app.Guid}/droplets/current"),
        },
    };

    private static async Task<IResult> UpdateFeature(string guid, string name, CfContext cf)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        if (!app.Features.ContainsKey(name))
        {
            throw CfErrors.NotFound("Feature");
        }

        access.Require(access.CanWriteToSpace(app.SpaceGuid) || (name == "revisions" && access.CanManageAppsInSpace(app.SpaceGuid)));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("enabled");
        var enabled = body.Boolean("enabled");
        if (enabled is null)
        {
            body.AddError("enabled", "must be a boolean");
        }

        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<App>(guid) ?? throw CfErrors.NotFound("App");
            return transaction.Put(current with { Features = current.Features.SetItem(name, enabled!.Value), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(PresentFeature(name, updated.Features[name]));
    }

    private static object PresentFeature(string name, bool enabled) => new { name, description = FeatureDescriptions[name], enabled };
}
