using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A router apps can be served by: the configured <c>default</c> one or a dynamic router created through the API.</summary>
public sealed record TsuruRouter(
    string Guid,
    string Type,
    ImmutableList<string> ReadinessGates,
    ImmutableSortedDictionary<string, string> Config,
    bool Dynamic,
    bool Default) : IResource
{
    public string Name => Guid;
}

/// <summary>
/// Routers: the list (<c>/1.3/routers</c>, config hidden from non-admins) and dynamic routers (<c>/1.8/routers</c>):
/// create, update (type and config keys; an empty value removes a key) and delete. Only the <c>api</c> router type
/// is registered, as in the server's production build.
/// </summary>
public sealed class TsuruRoutersApi : IFeatureModule
{
    public const string DefaultRouter = "default";
    private static readonly string[] RegisteredTypes = ["api"];

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(transaction =>
        transaction.Put(new TsuruRouter(DefaultRouter, "api", [], ImmutableSortedDictionary<string, string>.Empty, Dynamic: false, Default: true)));

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.3", "/routers", List);
        TsuruRoutes.Map(routes, "POST", "1.8", "/routers", CreateAsync);
        TsuruRoutes.Map(routes, "PUT", "1.8", "/routers/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.8", "/routers/{name}", Delete);
    }

    /// <summary>The router an app is given when it is created.</summary>
    public static TsuruRouter? Default(World world) => world.Of<TsuruRouter>().All.FirstOrDefault(router => router.Default);

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruRouter>().All.Where(_ => user.IsAdmin || user.Teams.Count > 0).Select(router => new Dictionary<string, object?>
        {
            ["name"] = router.Name,
            ["type"] = router.Type,
            ["info"] = null,
            ["config"] = user.IsAdmin ? router.Config : null,
            ["readinessGates"] = router.ReadinessGates.IsEmpty ? null : router.ReadinessGates,
            ["dynamic"] = router.Dynamic,
            ["default"] = router.Default,
        }));
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        RequireAdmin(context);
        var name = input.Value("name") ?? string.Empty;
        var type = input.Value("type") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruRouter>(name) is { } existing)
            {
                throw existing.Dynamic
                    ? TsuruException.Conflict("dynamic router already exists")
                    : TsuruException.BadRequest($"router named \"{name}\" already exists in config");
            }

            Validate(name, type);
            transaction.Put(new TsuruRouter(name, type, [.. input.Values("readinessGates")], Config(input, ImmutableSortedDictionary<string, string>.Empty), Dynamic: true, Default: false));
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        RequireAdmin(context);
        context.Foundation().Write(transaction =>
        {
            var router = transaction.Find<TsuruRouter>(name) is { Dynamic: true } found ? found : throw TsuruException.NotFound("dynamic router not found");
            var type = input.Value("type") is { Length: > 0 } given ? given : router.Type;
            Validate(name, type);
            var gates = input.Values("readinessGates");
            transaction.Put(router with { Type = type, Config = Config(input, router.Config), ReadinessGates = gates.Count > 0 ? [.. gates] : router.ReadinessGates });
        });
        return Results.Ok();
    }

    private static IResult Delete(string name, HttpContext context)
    {
        RequireAdmin(context);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruRouter>(name) is not { Dynamic: true })
            {
                throw TsuruException.NotFound("dynamic router not found");
            }

            transaction.Remove<TsuruRouter>(name);
        });
        return Results.Ok();
    }

    private static void RequireAdmin(HttpContext context)
    {
        if (!TsuruAuth.User(context).IsAdmin)
        {
            throw TsuruException.Forbidden();
        }
    }

    private static void Validate(string name, string type)
    {
        if (name.Length == 0 || type.Length == 0)
        {
            throw TsuruException.BadRequest("dynamic router name and type are required");
        }

        if (!RegisteredTypes.Contains(type))
        {
            throw TsuruException.BadRequest($"router type \"{type}\" is not registered");
        }
    }

    private static ImmutableSortedDictionary<string, string> Config(TsuruInput input, ImmutableSortedDictionary<string, string> current)
    {
        foreach (var (key, value) in input.Map("config"))
        {
            current = value is "" or "null" ? current.Remove(key) : current.SetItem(key, value);
        }

        return current;
    }
}
