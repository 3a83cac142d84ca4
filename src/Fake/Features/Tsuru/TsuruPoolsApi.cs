using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// A pool constraint other than a single pool's team list (router, service, plan, volume-plan, or a pool expression
/// with wildcards), keyed by <c>{PoolExpr}|{Field}</c>. Team constraints of one pool live on the pool itself.
/// </summary>
public sealed record TsuruPoolConstraint(string Guid, string PoolExpr, string Field, ImmutableList<string> Values, bool Blacklist) : IResource;

/// <summary>Tsuru pools: list, info, create, update, delete, the teams allowed to use them, and pool constraints.</summary>
public sealed class TsuruPoolsApi : IFeatureModule
{
    public const string Provisioner = "kubernetes";

    private const string PoolNotFound = "Pool does not exist.";
    private static readonly string[] ConstraintFields = ["team", "service", "router", "plan", "volume-plan"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/pools", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            var world = TsuruAuth.World(context);
            return TsuruAccountsApi.List(world.Of<TsuruPool>().All.Where(pool => user.IsAdmin || pool.Public || pool.Teams.Any(user.Teams.Contains)).Select(pool => Present(world, pool)));
        });
        TsuruRoutes.Map(routes, "GET", ["1.0", "1.8"], "/pools/{name}", (string name, HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            var world = TsuruAuth.World(context);
            var pool = world.Find<TsuruPool>(name);
            if (!user.IsAdmin && !(pool is not null && (pool.Public || pool.Teams.Any(user.Teams.Contains))))
            {
                throw TsuruException.Forbidden();
            }

            return TsuruJson.Json(Present(world, pool ?? throw TsuruException.NotFound(PoolNotFound)));
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/pools", CreateAsync);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/pools/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/pools/{name}", Delete);
        TsuruRoutes.Map(routes, "POST", "1.0", "/pools/{name}/team", (string name, HttpContext context) => ChangeTeamsAsync(name, context, add: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/pools/{name}/team", (string name, HttpContext context) => ChangeTeamsAsync(name, context, add: false));
        TsuruRoutes.Map(routes, "GET", "1.3", "/constraints", (HttpContext context) =>
        {
            TsuruAuth.Admin(context);
            var world = TsuruAuth.World(context);
            var teams = world.Of<TsuruPool>().All.Where(pool => pool.Public || pool.Teams.Count > 0)
                .Select(pool => new TsuruPoolConstraint(string.Empty, pool.Name, "team", pool.Public ? ["*"] : [.. pool.Teams], false));
            return TsuruAccountsApi.List(teams.Concat(world.Of<TsuruPoolConstraint>().All)
                .Select(constraint => new { constraint.PoolExpr, constraint.Field, constraint.Values, constraint.Blacklist }));
        });
        TsuruRoutes.Map(routes, "PUT", "1.3", "/constraints", SetConstraintAsync);
    }

    private static Dictionary<string, object> Present(World world, TsuruPool pool)
    {
        var allowed = new Dictionary<string, ImmutableList<string>>
        {
            ["team"] = pool.Public ? [.. world.Of<TsuruTeam>().All.Select(team => team.Name)] : [.. pool.Teams],
        };
        foreach (var constraint in world.Of<TsuruPoolConstraint>().All.Where(constraint => constraint.PoolExpr == pool.Name && !constraint.Blacklist))
        {
            allowed[constraint.Field] = constraint.Values;
        }

        return new()
        {
            ["name"] = pool.Name,
            ["labels"] = pool.Labels,
            ["public"] = pool.Public,
            ["default"] = pool.Default,
            ["provisioner"] = Provisioner,
            ["teams"] = allowed["team"],
            ["allowed"] = allowed,
        };
    }

    private static TsuruPool Find(World world, string name) => world.Find<TsuruPool>(name) ?? throw TsuruException.NotFound(PoolNotFound);

    /// <summary>Makes room for a new default pool: 409 unless forced, else the old default stops being one.</summary>
    private static void ReplaceDefault(Transaction transaction, string name, bool force)
    {
        if (transaction.Of<TsuruPool>().All.FirstOrDefault(pool => pool.Default && pool.Name != name) is not { } current)
        {
            return;
        }

        transaction.Put(force ? current with { Default = false } : throw TsuruException.Conflict("Default pool already exists."));
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        if (name.Length == 0)
        {
            throw TsuruException.BadRequest("Pool name is required.");
        }

        if (!TsuruNames.IsValid(name))
        {
            throw TsuruException.BadRequest("Invalid pool name, pool name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        }

        var isDefault = input.Flag("default");
        context.Foundation().Write(transaction =>
        {
            if (isDefault)
            {
                ReplaceDefault(transaction, name, input.Flag("force"));
            }

            if (transaction.Find<TsuruPool>(name) is not null)
            {
                throw TsuruException.Conflict("Pool already exists.");
            }

            transaction.Put(new TsuruPool(name, input.Flag("public") || isDefault, isDefault, []) { Labels = input.Map("labels") });
            TsuruEvents.Record(transaction, "pool.create", "pool", name, caller);
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var isDefault = input.OptionalFlag("default");
        var isPublic = input.OptionalFlag("public");
        var labels = input.Map("labels");
        context.Foundation().Write(transaction =>
        {
            var pool = Find(transaction.World, name);
            if (isDefault == true)
            {
                ReplaceDefault(transaction, name, input.Flag("force"));
            }

            transaction.Put(pool with
            {
                Default = isDefault ?? pool.Default,
                Public = isPublic == true || isDefault == true || (isPublic is null && pool.Public),
                Labels = labels.Count > 0 ? labels : pool.Labels,
            });
            TsuruEvents.Record(transaction, "pool.update", "pool", name, caller);
        });
        return Results.Ok();
    }

    private static IResult Delete(string name, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Of<TsuruApp>().All.Any(app => app.Pool == name))
            {
                throw new TsuruException(StatusCodes.Status403Forbidden, "This pool has apps, you need to migrate or remove them before removing the pool");
            }

            Find(transaction.World, name);
            transaction.Remove<TsuruPool>(name);
            TsuruEvents.Record(transaction, "pool.delete", "pool", name, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> ChangeTeamsAsync(string name, HttpContext context, bool add)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var teams = add ? input.Values("team") : context.Request.Query["team"].Select(team => team ?? string.Empty).ToList();
        if (teams.Count == 0)
        {
            throw TsuruException.BadRequest(add ? "You must provide the team." : "You must provide the team");
        }

        context.Foundation().Write(transaction =>
        {
            var pool = Find(transaction.World, name);
            if (add && teams.FirstOrDefault(pool.Teams.Contains) is not null)
            {
                throw TsuruException.Conflict("Team already exists in pool.");
            }

            transaction.Put(pool with { Teams = add ? pool.Teams.Union(teams) : pool.Teams.Except(teams) });
            TsuruEvents.Record(transaction, add ? "pool.update.team.add" : "pool.update.team.remove", "pool", name, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> SetConstraintAsync(HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var expression = input.Value("poolExpr") ?? string.Empty;
        if (expression.Length == 0)
        {
            throw TsuruException.BadRequest("You must provide a Pool Expression");
        }

        var field = input.Value("field") ?? string.Empty;
        if (!ConstraintFields.Contains(field))
        {
            throw TsuruException.BadRequest($"invalid constraint type. Valid types are: [{string.Join(" ", ConstraintFields)}]");
        }

        var values = input.Values("values");
        var blacklist = input.Flag("blacklist");
        var append = input.Flag("append");
        context.Foundation().Write(transaction =>
        {
            if (field == "team" && !blacklist && transaction.Find<TsuruPool>(expression) is { } pool)
            {
                var teams = values.Where(team => team != "*").ToList();
                var isPublic = values.Contains("*") || (append && pool.Public);
                transaction.Put(pool with { Public = isPublic, Teams = append ? pool.Teams.Union(teams) : [.. teams] });
            }
            else
            {
                var key = $"{expression}|{field}";
                var current = transaction.Find<TsuruPoolConstraint>(key);
                var merged = append && current is not null ? current.Values.AddRange(values.Except(current.Values)) : [.. values];
                transaction.Put(new TsuruPoolConstraint(key, expression, field, merged, blacklist));
            }

            TsuruEvents.Record(transaction, "pool.update.constraints.set", "pool", expression, caller);
        });
        return Results.Ok();
    }
}
