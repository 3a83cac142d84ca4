using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Tsuru services: list, create, update, delete, info (the instances), plans, documentation, team access and the
/// service proxy (answered by the fake's own service API instead of a network call).
/// </summary>
public sealed partial class TsuruServicesApi : IFeatureModule
{
    /// <summary>The methods gorilla's <c>AddAll</c> registers for a proxy route.</summary>
    public static readonly string[] ProxyMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/services", List);
        TsuruRoutes.Map(routes, "POST", "1.0", "/services", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/services/{name}", Info);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/services/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/services/{name}", Delete);
        TsuruRoutes.Map(routes, "GET", "1.0", "/services/{name}/plans", Plans);
        TsuruRoutes.Map(routes, "GET", "1.0", "/services/{name}/doc", (string name, HttpContext context) =>
        {
            TsuruAuth.User(context);
            return Results.Text(TsuruServiceAccess.Service(TsuruAuth.World(context), name).Doc, "text/plain; charset=utf-8");
        });
        TsuruRoutes.Map(routes, "PUT", "1.0", "/services/{name}/doc", SetDocAsync);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/services/{service}/team/{team}", (string service, string team, HttpContext context) => ChangeTeam(service, team, context, grant: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/services/{service}/team/{team}", (string service, string team, HttpContext context) => ChangeTeam(service, team, context, grant: false));
        foreach (var method in ProxyMethods)
        {
            TsuruRoutes.Map(routes, method, "1.0", "/services/proxy/service/{service}", (string service, HttpContext context) =>
            {
                TsuruServiceAccess.Provisioned(context, service);
                return ProxyAnswer(context, service, null, context.Request.Query["callback"].ToString());
            });
        }
    }

    /// <summary>What the fake service API answers to a proxied call: the call it received, as JSON.</summary>
    public static IResult ProxyAnswer(HttpContext context, string service, string? instance, string path) =>
        TsuruJson.Json(new { service, instance, method = context.Request.Method, path });

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var instances = world.Of<TsuruServiceInstance>().All.ToLookup(instance => instance.Service);
        return TsuruAccountsApi.List(world.Of<TsuruService>().All
            .Where(service => TsuruServiceAccess.CanProvision(user, service))
            .Select(service => new
            {
                service = service.Name,
                instances = instances[service.Name].Any() ? instances[service.Name].Select(instance => instance.Name).ToList() : null,
                plans = (List<string>?)null,
                service_instances = instances[service.Name].Any() ? instances[service.Name].Select(TsuruServiceInstancesApi.Summary).ToList() : null,
            }));
    }

    private static IResult Info(string name, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        TsuruServiceAccess.Service(world, name);
        var instances = world.Of<TsuruServiceInstance>().All
            .Where(instance => instance.Service == name && TsuruServiceAccess.CanUse(user, instance))
            .Select(instance => new
            {
                Id = 0,
                Name = instance.Name,
                Pool = instance.Pool,
                Teams = instance.Teams,
                PlanName = instance.Plan,
                Apps = instance.Apps,
                Jobs = instance.Jobs,
                ServiceName = instance.Service,
                Info = new Dictionary<string, string>(),
                TeamOwner = instance.TeamOwner,
            })
            .ToList();
        return TsuruJson.Sniffed(instances.Count == 0 ? null : instances);
    }

    private static IResult Plans(string name, HttpContext context)
    {
        TsuruAuth.User(context);
        var service = TsuruServiceAccess.Service(TsuruAuth.World(context), name);
        return TsuruJson.Json(service.Plans.Select(plan => new { Name = plan.Name, Description = plan.Description }).ToList());
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("id") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            var team = input.Value("team") is { Length: > 0 } given
                ? given
                : TsuruServiceAccess.SingleTeam(transaction.World, user, "You must provide a team responsible for this service in the manifest file.");
            if (!TsuruAuth.CanUseTeam(user, team))
            {
                throw TsuruException.Forbidden();
            }

            var service = new TsuruService(name, input.Value("username") ?? string.Empty, input.Value("password") ?? string.Empty, Endpoints(input), [team], [],
                string.Empty, input.Flag("multi-cluster"), []);
            Validate(transaction.World, service, checkName: true);
            if (transaction.Find<TsuruService>(name) is not null)
            {
                throw TsuruException.Conflict("Service already exists.");
            }

            transaction.Put(service);
        });
        return Results.Text("success", "text/plain; charset=utf-8", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var current = TsuruServiceAccess.Provisioned(context, name);
        var updated = current with
        {
            Endpoint = Endpoints(input),
            Password = input.Value("password") ?? string.Empty,
            Username = input.Value("username") ?? string.Empty,
            OwnerTeams = input.Value("team") is { Length: > 0 } team ? [team] : current.OwnerTeams,
        };
        context.Foundation().Write(transaction =>
        {
            Validate(transaction.World, updated, checkName: false);
            transaction.Put(updated);
        });
        return Results.Ok();
    }

    private static IResult Delete(string name, HttpContext context)
    {
        TsuruServiceAccess.Provisioned(context, name);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Of<TsuruServiceInstance>().All.Any(instance => instance.Service == name))
            {
                throw new TsuruException(StatusCodes.Status403Forbidden, "This service cannot be removed because it has instances.\nPlease remove these instances before removing the service.");
            }

            transaction.Remove<TsuruService>(name);
        });
        return Results.Ok();
    }

    private static async Task<IResult> SetDocAsync(string name, HttpContext context)
    {
        var current = TsuruServiceAccess.Provisioned(context, name);
        var input = await TsuruInput.ReadAsync(context.Request);
        context.Foundation().Write(transaction => transaction.Put(current with { Doc = input.Value("doc") ?? string.Empty }));
        return Results.Ok();
    }

    private static IResult ChangeTeam(string name, string team, HttpContext context, bool grant)
    {
        var current = TsuruServiceAccess.Provisioned(context, name);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruTeam>(team) is null)
            {
                throw TsuruException.BadRequest("Team not found");
            }

            if (!grant && current.Teams.Count < 2)
            {
                throw new TsuruException(StatusCodes.Status403Forbidden, "You can not revoke the access from this team, because it is the unique team with access to this service, and a service can not be orphaned");
            }

            if (grant == current.Teams.Contains(team))
            {
                throw TsuruException.Conflict(grant ? "This team already has access to this service" : "This team does not have access to this service");
            }

            transaction.Put(current with { Teams = grant ? current.Teams.Add(team) : current.Teams.Remove(team) });
        });
        return Results.Ok();
    }

    private static ImmutableSortedDictionary<string, string> Endpoints(TsuruInput input)
    {
        var endpoints = input.Map("endpoints");
        if (endpoints.Count > 0)
        {
            return endpoints.ToImmutableSortedDictionary(StringComparer.Ordinal);
        }

        return input.Value("endpoint") is { Length: > 0 } endpoint
            ? ImmutableSortedDictionary<string, string>.Empty.Add("production", endpoint)
            : ImmutableSortedDictionary<string, string>.Empty;
    }

    private static void Validate(World world, TsuruService service, bool checkName)
    {
        var problem = service switch
        {
            { Name.Length: 0 } => "Service id is required",
            _ when service.Name.Contains("::", StringComparison.Ordinal) => "Brokered services are not managed.",
            _ when checkName && !ServiceName().IsMatch(service.Name) =>
                "Invalid service id, should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.",
            { Password.Length: 0 } => "Service password is required",
            { Endpoint.Count: 0 } => "At least one endpoint is required",
            _ when service.OwnerTeams.Count == 0 => "At least one service team owner is required",
            _ when service.OwnerTeams.Any(team => world.Find<TsuruTeam>(team) is null) => "Team owner doesn't exist",
            _ => null,
        };
        if (problem is not null)
        {
            throw TsuruException.BadRequest(problem);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex ServiceName();
}
