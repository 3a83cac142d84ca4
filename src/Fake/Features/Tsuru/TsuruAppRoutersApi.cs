using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>One router an app is served by, with the options the app gave it.</summary>
public sealed record TsuruAppRouter(string Name, ImmutableSortedDictionary<string, string> Opts);

/// <summary>The routers of an app (keyed by app name); an app without this row has the default router.</summary>
public sealed record TsuruAppRouters(string Guid, ImmutableList<TsuruAppRouter> Routers) : IResource;

/// <summary>
/// The routers an app is served by (<c>/1.5/apps/{app}/routers</c>: list, add, update options, remove), route rebuild
/// (<c>POST /apps/{app}/routes</c>) and swap (<c>POST /swap</c>: exchanges the cnames, and the routers unless
/// <c>cnameOnly</c>, of two apps of the same platform and unit count unless <c>force</c>).
/// </summary>
public sealed class TsuruAppRoutersApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.5", "/apps/{app}/routers", List);
        TsuruRoutes.Map(routes, "POST", "1.5", "/apps/{app}/routers", AddAsync);
        TsuruRoutes.Map(routes, "PUT", "1.5", "/apps/{app}/routers/{router}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.5", "/apps/{app}/routers/{router}", Remove);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/routes", RebuildRoutes);
        TsuruRoutes.Map(routes, "POST", "1.0", "/swap", SwapAsync);
    }

    /// <summary>The routers an app is served by: what it was given, else the default router.</summary>
    public static ImmutableList<TsuruAppRouter> Of(World world, string app) =>
        world.Find<TsuruAppRouters>(app)?.Routers
        ?? (TsuruRoutersApi.Default(world) is { } router ? [new TsuruAppRouter(router.Name, ImmutableSortedDictionary<string, string>.Empty)] : []);

    /// <summary>The address an app answers at on one router.</summary>
    public static string Address(string app, string router) =>
        router == TsuruRoutersApi.DefaultRouter ? $"{app}.tsuru.example.org" : $"{app}.{router}.tsuru.example.org";

    /// <summary>The app's routers as app info and the router list show them.</summary>
    public static IEnumerable<Dictionary<string, object?>> Present(World world, string app) => Of(world, app).Select(router => new Dictionary<string, object?>
    {
        ["name"] = router.Name,
        ["opts"] = router.Opts,
        ["address"] = Address(app, router.Name),
        ["addresses"] = new[] { Address(app, router.Name) },
        ["type"] = world.Find<TsuruRouter>(router.Name)?.Type ?? string.Empty,
    });

    private static IResult List(string app, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        return TsuruAccountsApi.List(Present(TsuruAuth.World(context), app));
    }

    private static async Task<IResult> AddAsync(string app, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        TsuruAppLookup.Visible(context, app);
        var name = input.Value("name") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            RequireRouter(transaction.World, name);
            var current = Of(transaction.World, app);
            if (current.Any(router => router.Name == name))
            {
                throw TsuruException.BadRequest("router already linked to this app");
            }

            transaction.Put(new TsuruAppRouters(app, current.Add(new TsuruAppRouter(name, input.Map("opts")))));
        });
        return Results.Ok();
    }

    private static async Task<IResult> UpdateAsync(string app, string router, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        TsuruAppLookup.Visible(context, app);
        context.Foundation().Write(transaction =>
        {
            RequireRouter(transaction.World, router);
            var current = Of(transaction.World, app);
            var existing = current.FirstOrDefault(linked => linked.Name == router) ?? throw TsuruException.NotFound($"router \"{router}\" not found");
            transaction.Put(new TsuruAppRouters(app, current.Replace(existing, existing with { Opts = input.Map("opts") })));
        });
        return Results.Ok();
    }

    private static IResult Remove(string app, string router, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        context.Foundation().Write(transaction =>
        {
            var current = Of(transaction.World, app);
            var existing = current.FirstOrDefault(linked => linked.Name == router) ?? throw TsuruException.NotFound($"router \"{router}\" not found");
            transaction.Put(new TsuruAppRouters(app, current.Remove(existing)));
        });
        return Results.Ok();
    }

    private static void RequireRouter(World world, string name)
    {
        if (world.Find<TsuruRouter>(name) is null)
        {
            throw TsuruException.NotFound($"router \"{name}\" not found");
        }
    }

    private static IResult RebuildRoutes(string app, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        var results = Of(TsuruAuth.World(context), app).ToDictionary(
            router => router.Name,
            _ => new Dictionary<string, object?>
            {
                ["PrefixResults"] = new[] { new Dictionary<string, object?> { ["Prefix"] = string.Empty, ["Added"] = null, ["Removed"] = null } },
                ["Added"] = null,
                ["Removed"] = null,
            });
        return TsuruJson.Json(results);
    }

    private static async Task<IResult> SwapAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var world = TsuruAuth.World(context);
        var first = Find(world, input.Value("app1"));
        var second = Find(world, input.Value("app2"));
        if (!TsuruAuth.CanSee(user, first) || !TsuruAuth.CanSee(user, second))
        {
            throw TsuruException.Forbidden();
        }

        if (!input.Flag("force"))
        {
            if (first.Platform != second.Platform)
            {
                throw new TsuruException(StatusCodes.Status412PreconditionFailed, "platforms don't match");
            }

            if (first.Units.Count != second.Units.Count)
            {
                throw new TsuruException(StatusCodes.Status412PreconditionFailed, "number of units doesn't match");
            }
        }

        var cnameOnly = input.Flag("cnameOnly");
        context.Foundation().Write(transaction =>
        {
            transaction.Put(first with { CNames = second.CNames });
            transaction.Put(second with { CNames = first.CNames });
            if (!cnameOnly)
            {
                var firstRouters = Of(transaction.World, first.Name);
                transaction.Put(new TsuruAppRouters(first.Name, Of(transaction.World, second.Name)));
                transaction.Put(new TsuruAppRouters(second.Name, firstRouters));
            }
        });
        return Results.Ok();
    }

    private static TsuruApp Find(World world, string? name) =>
        world.Find<TsuruApp>(name) ?? throw TsuruException.NotFound($"App {name} not found.");
}
