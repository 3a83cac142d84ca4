using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru apps: create, list, info, update, delete, environment, units, start/stop/restart and cnames.</summary>
public sealed partial class TsuruAppsApi : IFeatureModule
{
    /// <summary>The most units an app may hold in the fake when its quota is unlimited.</summary>
    public const int MaxUnits = 10_000;

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/apps", List);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/apps/{app}", (string app, HttpContext context) => TsuruJson.Json(InfoWithOptionalKeys(Visible(context, app), context)));
        TsuruRoutes.Map(routes, "PUT", "1.0", "/apps/{app}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/apps/{app}", Delete);
        TsuruRoutes.Map(routes, "GET", "1.0", "/apps/{app}/env", GetEnv);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/env", SetEnvAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/apps/{app}/env", UnsetEnvAsync);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/apps/{app}/units", (string app, HttpContext context) => ChangeUnitsAsync(app, context, add: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/apps/{app}/units", (string app, HttpContext context) => ChangeUnitsAsync(app, context, add: false));
        foreach (var (action, status) in new[] { ("start", "started"), ("restart", "started"), ("stop", "stopped") })
        {
            TsuruRoutes.Map(routes, "POST", "1.0", $"/apps/{{app}}/{action}", (string app, HttpContext context) => SetUnitStatus(app, context, action, status));
        }

        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/cname", (string app, HttpContext context) => ChangeCNamesAsync(app, context, add: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/apps/{app}/cname", (string app, HttpContext context) => ChangeCNamesAsync(app, context, add: false));
    }

    private static TsuruApp Visible(HttpContext context, string name) => TsuruAppLookup.Visible(context, name);

    /// <summary>Stores the changed app and records the change as an event of the given kind.</summary>
    private static void Save(HttpContext context, TsuruApp updated, string kind) =>
        context.Foundation().Write(transaction =>
        {
            transaction.Put(updated);
            TsuruEvents.Record(transaction, kind, "app", updated.Name, TsuruAuth.User(context));
        });

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var name = context.Request.Query["name"].ToString();
        var apps = TsuruAuth.World(context).Of<TsuruApp>().All
            .Where(app => TsuruAuth.CanSee(user, app))
            .Where(app => TsuruNames.MatchesFilter(app.Name, name))
            .Where(app => context.Request.Query["teamOwner"].ToString() is not { Length: > 0 } team || app.TeamOwner == team)
            .Where(app => context.Request.Query["pool"].ToString() is not { Length: > 0 } pool || app.Pool == pool)
            .Where(app => context.Request.Query["platform"].ToString() is not { Length: > 0 } platform || app.Platform == platform);
        return TsuruAccountsApi.List(apps.Select(app => new
        {
            name = app.Name,
            pool = app.Pool,
            teamowner = app.TeamOwner,
            plan = Plan(TsuruAuth.World(context), app.Plan),
            units = Units(app.Name, app.Platform, app.Units),
            cname = app.CNames,
            ip = Address(app),
            routers = TsuruAppRoutersApi.Present(TsuruAuth.World(context), app.Name),
            @lock = new { Locked = false },
            tags = app.Tags,
        }));
    }

    private static string Address(TsuruApp app) => $"{app.Name}.tsuru.example.org";

    /// <summary>A plan as apps and jobs show it.</summary>
    public static object Plan(World world, string name)
    {
        var plan = world.Find<TsuruPlan>(name);
        return new { name, memory = plan?.Memory ?? 0, cpumilli = plan?.CpuMilli ?? 0, @override = new { } };
    }

    /// <summary>Units as the API shows them (PascalCase, the provisioner's unit type); jobs show theirs the same way.</summary>
    public static IEnumerable<object> Units(string owner, string type, IEnumerable<TsuruUnit> units) => units.Select(unit => new Dictionary<string, object?>
    {
        ["ID"] = unit.Id,
        ["Name"] = unit.Id,
        ["AppName"] = owner,
        ["ProcessName"] = unit.ProcessName,
        ["Type"] = type,
        ["IP"] = "10.0.0.1",
        ["Status"] = unit.Status,
        ["Address"] = new { Scheme = "http", Host = "10.0.0.1:8888" },
        ["Ready"] = unit.Status == "started",
        ["Routable"] = unit.Status == "started",
    });

    private static Dictionary<string, object?> Info(TsuruApp app, HttpContext context) => new()
    {
        ["name"] = app.Name,
        ["platform"] = app.Platform,
        ["provisioner"] = "kubernetes",
        ["cluster"] = TsuruInfrastructureApi.ClusterOf(TsuruAuth.World(context), app.Pool) ?? string.Empty,
        ["teams"] = app.Teams,
        ["units"] = Units(app.Name, app.Platform, app.Units),
        ["ip"] = Address(app),
        ["router"] = "default",
        ["routeropts"] = new Dictionary<string, string>(),
        ["cname"] = app.CNames,
        ["owner"] = app.Owner,
        ["pool"] = app.Pool,
        ["description"] = app.Description,
        ["deploys"] = TsuruDeploysApi.CountFor(TsuruAuth.World(context), app.Name),
        ["teamowner"] = app.TeamOwner,
        ["plan"] = Plan(TsuruAuth.World(context), app.Plan),
        ["lock"] = new { Locked = false },
        ["tags"] = app.Tags,
        ["routers"] = TsuruAppRoutersApi.Present(TsuruAuth.World(context), app.Name),
        ["metadata"] = new { labels = Array.Empty<object>(), annotations = Array.Empty<object>() },
        ["quota"] = new { limit = TsuruAppAccessApi.QuotaOf(TsuruAuth.World(context), app.Name), inuse = app.Units.Count },
        ["internalAddresses"] = Array.Empty<object>(),
        ["serviceInstanceBinds"] = TsuruServiceEnvs.Binds(TsuruAuth.World(context), app.Name),
    };

    /// <summary>App info with the keys the server adds only when there is something to show (its map keys are sorted on the wire anyway).</summary>
    private static Dictionary<string, object?> InfoWithOptionalKeys(TsuruApp app, HttpContext context)
    {
        var info = Info(app, context);
        if (TsuruAppUnitsApi.AutoScaleOf(TsuruAuth.World(context), app.Name) is { } autoscale)
        {
            info["autoscale"] = autoscale;
        }

        if (TsuruVolumesApi.BindsOf(TsuruAuth.World(context), app.Name) is { } volumeBinds)
        {
            info["volumeBinds"] = volumeBinds;
        }

        return info;
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        var foundation = context.Foundation();
        foundation.Write(transaction =>
        {
            var world = transaction.World;
            var team = input.Value("teamOwner") ?? TsuruAuth.OnlyTeam(world, user);
            if (world.Find<TsuruTeam>(team) is null)
            {
                throw TsuruException.NotFound("team not found");
            }

            if (!TsuruAuth.CanUseTeam(user, team))
            {
                throw TsuruException.Forbidden();
            }

            var platform = input.Value("platform") ?? string.Empty;
            if (platform.Length > 0 && world.Find<TsuruPlatform>(platform.Split(':')[0]) is not { } found)
            {
                throw TsuruException.NotFound("Platform doesn't exist.");
            }

            if (world.Find<TsuruApp>(name) is not null)
            {
                throw TsuruException.Conflict($"tsuru failed to create the app \"{name}\": there is already an app with this name");
            }

            var pool = input.Value("pool") ?? world.Of<TsuruPool>().All.FirstOrDefault(pool => pool.Default)?.Name ?? throw TsuruException.BadRequest("Pool does not exist.");
            if (world.Find<TsuruPool>(pool) is null)
            {
                throw TsuruException.NotFound("Pool does not exist.");
            }

            var plan = input.Value("plan") ?? world.Of<TsuruPlan>().All.FirstOrDefault(plan => plan.Default)?.Name ?? string.Empty;
            if (world.Find<TsuruPlan>(plan) is null)
            {
                throw TsuruException.NotFound("plan not found");
            }

            if (!TsuruNames.IsValid(name) || name == "tsr")
            {
                throw TsuruException.BadRequest("Invalid app name, your app should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
            }

            TsuruQuota.EnsureRoomForApp(world, user, team);
            transaction.Put(new TsuruApp(name, platform, plan, pool, team, [team], user.Email, input.Value("description") ?? string.Empty,
                [.. input.Values("tag").Concat(input.Values("tags"))], ImmutableSortedDictionary<string, TsuruEnvVar>.Empty, [], [], transaction.Now));
            TsuruEvents.Record(transaction, "app.create", "app", name, user);
        });
        return TsuruJson.Json(new { status = "success", ip = $"{name}.tsuru.example.org" }, StatusCodes.Status201Created);
    }

    /// <summary>The team a create without <c>teamOwner</c> uses: the only team the user can use, else 400.</summary>
    public static string DefaultTeam(World world, TsuruUser user)
    {
        var teams = world.Of<TsuruTeam>().All.Where(team => TsuruAuth.CanUseTeam(user, team.Name)).ToList();
        return teams.Count == 1 ? teams[0].Name : throw TsuruException.BadRequest("You must provide a team to execute this action.");
    }

    private static async Task<IResult> UpdateAsync(string app, HttpContext context)
    {
        var current = Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var description = input.Value("description");
        var plan = input.Value("plan");
        var tags = input.Values("tag");
        if (description is null && plan is null && tags.Count == 0 && input.Value("teamOwner") is null && input.Value("platform") is null && input.Value("pool") is null)
        {
            throw TsuruException.BadRequest("Neither the description, tags, plan, pool, team owner or platform were set. You must define at least one.");
        }

        var foundation = context.Foundation();
        foundation.Write(transaction =>
        {
            if (plan is not null && transaction.Find<TsuruPlan>(plan) is null)
            {
                throw TsuruException.NotFound("plan not found");
            }

            transaction.Put(current with
            {
                Description = description ?? current.Description,
                Plan = plan ?? current.Plan,
                Platform = input.Value("platform") ?? current.Platform,
                TeamOwner = input.Value("teamOwner") ?? current.TeamOwner,
                Tags = tags.Count > 0 ? [.. tags] : current.Tags,
            });
            TsuruEvents.Record(transaction, "app.update", "app", app, TsuruAuth.User(context));
        });
        return TsuruStream.Of(foundation.Clock.Now, $"updating app {app}\n");
    }

    private static IResult Delete(string app, HttpContext context)
    {
        Visible(context, app);
        var foundation = context.Foundation();
        foundation.Write(transaction =>
        {
            transaction.Remove<TsuruApp>(app);
            TsuruAppCleanup.Forget(transaction, app);
            TsuruEvents.Record(transaction, "app.delete", "app", app, TsuruAuth.User(context));
        });
        return TsuruStream.Of(foundation.Clock.Now, $"---- Removing application \"{app}\"...\n", "  ---> Done removing application\n");
    }

    /// <summary>The app's variables followed by the internal ones, as <c>GET /apps/{app}/env</c> and unit registration show them.</summary>
    /// <summary>The app's variables, those of its bound service instances, and the ones tsuru sets itself.</summary>
    public static IReadOnlyList<TsuruEnvEntry> Environment(World world, TsuruApp app) =>
    [
        .. app.Env.Select(pair => new TsuruEnvEntry(pair.Key, pair.Value.Value, pair.Value.Public)),
        .. TsuruServiceEnvs.AppVariables(world, app.Name).Select(pair => new TsuruEnvEntry(pair.Key, pair.Value, false)),
        new("TSURU_APPNAME", app.Name, false),
        new("TSURU_APPDIR", "/home/application/current", false),
        new(TsuruServiceEnvs.ServicesVariable, TsuruServiceEnvs.ServicesJson(world, app.Name), false),
    ];

    private static IResult GetEnv(string app, HttpContext context)
    {
        var current = Visible(context, app);
        var wanted = context.Request.Query["env"];
        return TsuruJson.Json(Environment(TsuruAuth.World(context), current).Where(variable => wanted.Count == 0 || wanted.Contains(variable.Name)).ToList());
    }

    private static async Task<IResult> SetEnvAsync(string app, HttpContext context)
    {
        var current = Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var isPrivate = input.Flag("private");
        var variables = new Dictionary<string, TsuruEnvVar>(StringComparer.Ordinal);
        for (var index = 0; input.Value($"Envs.{index}.Name") is { } name; index++)
        {
            variables[name] = new TsuruEnvVar(input.Value($"Envs.{index}.Value") ?? string.Empty, !(isPrivate || input.Flag($"Envs.{index}.Private")));
        }

        if (variables.Count == 0)
        {
            throw TsuruException.BadRequest("You must provide the list of environment variables");
        }

        TsuruEnvNames.Validate(variables.Keys);

        var foundation = context.Foundation();
        Save(context, current with { Env = current.Env.SetItems(variables) }, "app.update.env.set");
        return TsuruStream.Of(foundation.Clock.Now, $"---- Setting {variables.Count} new environment variables ----\n");
    }

    private static async Task<IResult> UnsetEnvAsync(string app, HttpContext context)
    {
        var current = Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var names = input.Values("env");
        if (names.Count == 0)
        {
            throw TsuruException.BadRequest("You must provide the list of environment variables.");
        }

        var foundation = context.Foundation();
        Save(context, current with { Env = current.Env.RemoveRange(names) }, "app.update.env.unset");
        return TsuruStream.Of(foundation.Clock.Now, $"---- Unsetting {names.Count} environment variables ----\n");
    }

    private static async Task<IResult> ChangeUnitsAsync(string app, HttpContext context, bool add)
    {
        var current = Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var text = input.Value("units") ?? throw TsuruException.BadRequest("You must provide the number of units.");
        if (!int.TryParse(text, out var count) || count <= 0)
        {
            throw TsuruException.BadRequest("Invalid number of units: the number must be an integer greater than 0.");
        }

        if (add)
        {
            var limit = TsuruAppAccessApi.QuotaOf(TsuruAuth.World(context), app) is >= 0 and var quota ? Math.Min(quota, MaxUnits) : MaxUnits;
            var available = Math.Max(0, limit - current.Units.Count);
            if (count > available)
            {
                throw new TsuruException(StatusCodes.Status403Forbidden, $"Quota exceeded. Available: {available}, Requested: {count}.");
            }
        }

        var process = input.Value("process") ?? "web";
        var foundation = context.Foundation();
        foundation.Write(transaction =>
        {
            var units = current.Units;
            if (add)
            {
                units = units.AddRange(Enumerable.Range(0, count).Select(_ => new TsuruUnit($"{app}-{process}-{transaction.NewGuid()[..8]}", process, "started")));
            }
            else
            {
                var ofProcess = units.Where(unit => unit.ProcessName == process).ToList();
                if (count > ofProcess.Count)
                {
                    throw TsuruException.BadRequest($"cannot remove {count} units from process \"{process}\", only {ofProcess.Count} available");
                }

                units = units.RemoveRange(ofProcess.TakeLast(count));
            }

            transaction.Put(current with { Units = units });
            TsuruEvents.Record(transaction, add ? "app.update.unit.add" : "app.update.unit.remove", "app", app, TsuruAuth.User(context));
        });
        return TsuruStream.Of(foundation.Clock.Now, add ? $"adding {count} units\n" : $"removing {count} units\n");
    }

    private static IResult SetUnitStatus(string app, HttpContext context, string action, string status)
    {
        var current = Visible(context, app);
        var foundation = context.Foundation();
        Save(context, current with { Units = [.. current.Units.Select(unit => unit with { Status = status })] }, $"app.update.{action}");
        return TsuruStream.Of(foundation.Clock.Now, $"---- {char.ToUpperInvariant(action[0])}{action[1..]}ing the app \"{app}\" ----\n");
    }

    private static async Task<IResult> ChangeCNamesAsync(string app, HttpContext context, bool add)
    {
        var current = Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var cnames = input.Values("cname");
        if (cnames.Count == 0 || cnames.Any(cname => !CName().IsMatch(cname)))
        {
            throw TsuruException.BadRequest("Invalid cname");
        }

        Save(context, current with { CNames = add ? [.. current.CNames.Union(cnames)] : current.CNames.RemoveRange(cnames) }, add ? "app.update.cname.add" : "app.update.cname.remove");
        return Results.Ok();
    }

    [GeneratedRegex(@"^(\*\.)?[a-zA-Z0-9][\w-.]+$")]
    private static partial Regex CName();
}
