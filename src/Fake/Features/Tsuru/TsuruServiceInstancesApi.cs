using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Tsuru service instances: create, list, info, status, update, delete (optionally unbinding every app first), team
/// grant and revoke, and the instance proxy.
/// </summary>
public sealed partial class TsuruServiceInstancesApi : IFeatureModule
{
    private static readonly string[] ReservedProxyPaths = ["", "bind-app", "bind-job", "bind"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/services/instances", List);
        TsuruRoutes.Map(routes, "POST", "1.0", "/services/{service}/instances", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/services/{service}/instances/{instance}", Info);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/services/{service}/instances/{instance}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/services/{service}/instances/{instance}", Delete);
        TsuruRoutes.Map(routes, "GET", "1.0", "/services/{service}/instances/{instance}/status", (string service, string instance, HttpContext context) =>
        {
            TsuruServiceAccess.Used(context, service, instance);
            return Results.Text($"Service instance \"{instance}\" is up", "text/plain; charset=utf-8");
        });
        TsuruRoutes.Map(routes, "PUT", "1.0", "/services/{service}/instances/permission/{instance}/{team}",
            (string service, string instance, string team, HttpContext context) => ChangeTeam(service, instance, team, context, grant: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/services/{service}/instances/permission/{instance}/{team}",
            (string service, string instance, string team, HttpContext context) => ChangeTeam(service, instance, team, context, grant: false));
        foreach (var method in TsuruServicesApi.ProxyMethods)
        {
            TsuruRoutes.Map(routes, method, "1.0", "/services/{service}/proxy/{instance}", Proxy);
        }
    }

    /// <summary>An instance as <c>GET /services</c> shows it: the server reads only name, service and tags.</summary>
    public static Dictionary<string, object?> Summary(TsuruServiceInstance instance) => new()
    {
        ["name"] = instance.Name,
        ["id"] = 0,
        ["service_name"] = instance.Service,
        ["plan_name"] = string.Empty,
        ["apps"] = null,
        ["jobs"] = null,
        ["teams"] = null,
        ["team_owner"] = string.Empty,
        ["description"] = string.Empty,
        ["tags"] = instance.Tags,
    };

    private static Dictionary<string, object?> Present(TsuruServiceInstance instance)
    {
        var json = new Dictionary<string, object?>
        {
            ["name"] = instance.Name,
            ["id"] = 0,
            ["service_name"] = instance.Service,
            ["plan_name"] = instance.Plan,
            ["apps"] = instance.Apps,
            ["jobs"] = instance.Jobs,
            ["teams"] = instance.Teams,
            ["team_owner"] = instance.TeamOwner,
            ["description"] = instance.Description,
            ["tags"] = instance.Tags,
        };
        if (instance.Parameters.Count > 0)
        {
            json["parameters"] = instance.Parameters;
        }

        if (instance.Pool.Length > 0)
        {
            json["pool"] = instance.Pool;
        }

        return json;
    }

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var app = context.Request.Query["app"].ToString();
        var instances = world.Of<TsuruServiceInstance>().All
            .Where(instance => TsuruServiceAccess.CanUse(user, instance) && (app.Length == 0 || instance.Apps.Contains(app)))
            .ToLookup(instance => instance.Service);
        return TsuruAccountsApi.List(world.Of<TsuruService>().All
            .OrderBy(service => service.Name, StringComparer.Ordinal)
            .Select(service => new
            {
                service = service.Name,
                instances = instances[service.Name].Select(instance => instance.Name).ToList(),
                plans = instances[service.Name].Any() ? instances[service.Name].Select(instance => instance.Plan).ToList() : null,
                service_instances = instances[service.Name].Any() ? instances[service.Name].Select(Present).ToList() : null,
            }));
    }

    private static IResult Info(string service, string instance, HttpContext context)
    {
        TsuruAuth.User(context);
        var found = TsuruServiceAccess.Service(TsuruAuth.World(context), service);
        var current = TsuruServiceAccess.Used(context, service, instance);
        var plan = found.Plans.FirstOrDefault(plan => plan.Name == current.Plan);
        return TsuruJson.Json(new Dictionary<string, object?>
        {
            ["Apps"] = current.Apps,
            ["Jobs"] = current.Jobs,
            ["Teams"] = current.Teams,
            ["TeamOwner"] = current.TeamOwner,
            ["Description"] = current.Description,
            ["PlanName"] = plan?.Name ?? string.Empty,
            ["PlanDescription"] = plan?.Description ?? string.Empty,
            ["Pool"] = current.Pool,
            ["CustomInfo"] = new Dictionary<string, string>(),
            ["Tags"] = current.Tags,
            ["Parameters"] = current.Parameters.Count > 0 ? current.Parameters : null,
        });
    }

    private static async Task<IResult> CreateAsync(string service, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var found = TsuruServiceAccess.Service(TsuruAuth.World(context), service);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            var owner = input.Value("team_owner") ?? input.Value("teamowner") ?? input.Value("owner") ?? string.Empty;
            if (owner.Length == 0)
            {
                owner = TsuruServiceAccess.SingleTeam(transaction.World, user, "You must provide a team to execute this action.");
            }

            if (!TsuruAuth.CanUseTeam(user, owner))
            {
                throw TsuruException.Forbidden();
            }

            if (!InstanceName().IsMatch(name))
            {
                throw TsuruException.BadRequest("invalid service instance name");
            }

            if (transaction.Find<TsuruServiceInstance>(TsuruServiceInstance.Key(service, name)) is not null)
            {
                throw TsuruException.Conflict("instance name already exists.");
            }

            var pool = input.Value("pool") ?? string.Empty;
            ValidateOwnerAndPool(transaction.World, found, owner, pool);
            transaction.Put(new TsuruServiceInstance(
                TsuruServiceInstance.Key(service, name), service, name, input.Value("plan_name") ?? input.Value("planname") ?? input.Value("plan") ?? string.Empty,
                owner, [owner], input.Value("description") ?? string.Empty, Tags(input) ?? [], Parameters(input), pool, [], []));
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static void ValidateOwnerAndPool(World world, TsuruService service, string owner, string pool)
    {
        if (world.Find<TsuruTeam>(owner) is null)
        {
            throw TsuruException.BadRequest("Team owner doesn't exist");
        }

        if (!service.IsMultiCluster && pool.Length > 0)
        {
            throw TsuruException.BadRequest("regular (non-multi-cluster) service instance cannot belong to a pool");
        }

        if (service.IsMultiCluster && pool.Length == 0)
        {
            throw TsuruException.BadRequest("multi-cluster service instance requires a pool");
        }

        if (service.IsMultiCluster && world.Find<TsuruPool>(pool) is null)
        {
            throw TsuruException.NotFound("Pool does not exist.");
        }
    }

    private static async Task<IResult> UpdateAsync(string service, string instance, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        TsuruServiceAccess.Service(TsuruAuth.World(context), service);
        var current = TsuruServiceAccess.Instance(TsuruAuth.World(context), service, instance);
        var parameters = Parameters(input);
        var updated = current with
        {
            Description = input.Value("description") ?? string.Empty,
            TeamOwner = input.Value("teamowner") ?? input.Value("team_owner") ?? string.Empty,
            Plan = input.Value("plan") ?? string.Empty,
            Tags = Tags(input) ?? current.Tags,
            Parameters = parameters,
        };
        if (updated.Description == current.Description && updated.TeamOwner == current.TeamOwner && updated.Plan == current.Plan
            && updated.Tags.SequenceEqual(current.Tags) && updated.Parameters.SequenceEqual(current.Parameters))
        {
            throw TsuruException.BadRequest("Neither description, team owner, tags, plan nor plan parameters were set. You must define at least one.");
        }

        if (!TsuruServiceAccess.CanUse(user, current))
        {
            throw TsuruException.Forbidden();
        }

        if (updated.TeamOwner.Length == 0)
        {
            throw TsuruException.BadRequest("please specify the team that owns the service instance");
        }

        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruTeam>(updated.TeamOwner) is null)
            {
                throw TsuruException.BadRequest("Team owner doesn't exist");
            }

            transaction.Put(updated with { Teams = current.Teams.Contains(updated.TeamOwner) ? current.Teams : current.Teams.Add(updated.TeamOwner) });
        });
        return Results.Ok();
    }

    private static IResult Delete(string service, string instance, HttpContext context)
    {
        var current = TsuruServiceAccess.Used(context, service, instance);
        var unbindAll = context.Request.Query["unbindall"].ToString() is "true" or "1";
        var foundation = context.Foundation();
        var messages = foundation.Write(transaction =>
        {
            var output = new List<string>();
            if (unbindAll)
            {
                foreach (var app in current.Apps)
                {
                    output.Add($"Unbind app \"{app}\" ...\n");
                    output.AddRange(TsuruServiceBindsApi.UnbindApp(transaction, service, instance, app, restart: true));
                    output.Add($"\nInstance \"{instance}\" is not bound to the app \"{app}\" anymore.\n");
                }
            }
            else if (current.Apps.Count > 0)
            {
                throw TsuruException.BadRequest(
                    $"Applications bound to the service \"{instance}\": \"{string.Join(",", current.Apps)}\"\n: This service instance is bound to at least one app. Unbind them before removing it");
            }

            transaction.Remove<TsuruServiceInstance>(current.Guid);
            output.Add("service instance successfully removed\n");
            return output;
        });
        return TsuruStream.Of(foundation.Clock.Now, [.. messages]);
    }

    private static IResult ChangeTeam(string service, string instance, string team, HttpContext context, bool grant)
    {
        var current = TsuruServiceAccess.Used(context, service, instance);
        context.Foundation().Write(transaction =>
        {
            if (!grant && team == current.TeamOwner)
            {
                throw TsuruException.BadRequest("cannot revoke the instance's team owner access");
            }

            if (transaction.Find<TsuruTeam>(team) is null)
            {
                throw TsuruException.NotFound("team not found");
            }

            transaction.Put(current with { Teams = grant ? (current.Teams.Contains(team) ? current.Teams : current.Teams.Add(team)) : current.Teams.Remove(team) });
        });
        return Results.Ok();
    }

    private static IResult Proxy(string service, string instance, HttpContext context)
    {
        TsuruServiceAccess.Used(context, service, instance);
        var prefix = $"/resources/{instance}/";
        var callback = context.Request.Query["callback"].ToString() + "/";
        var path = (callback.StartsWith(prefix, StringComparison.Ordinal) ? callback[prefix.Length..] : callback).Trim('/');
        if (ReservedProxyPaths.Contains(path) && !HttpMethods.IsGet(context.Request.Method))
        {
            throw TsuruException.BadRequest($"proxy request {context.Request.Method} \"{path}\" is forbidden");
        }

        return TsuruServicesApi.ProxyAnswer(context, service, instance, prefix + path);
    }

    /// <summary>Tags as the server keeps them (trimmed, without blanks or repeats); null when none were sent.</summary>
    private static ImmutableList<string>? Tags(TsuruInput input)
    {
        var given = input.Values("tags").Concat(input.Values("tag")).ToList();
        return given.Count == 0 ? null : [.. given.Select(tag => tag.Trim()).Where(tag => tag.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static ImmutableSortedDictionary<string, string> Parameters(TsuruInput input) =>
        input.Map("parameters").ToImmutableSortedDictionary(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z][-a-zA-Z0-9_]+$")]
    private static partial Regex InstanceName();
}
