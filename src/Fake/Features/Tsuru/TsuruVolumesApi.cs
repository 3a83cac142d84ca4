using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A volume plan of a provisioner, with the options volumes of that plan get.</summary>
public sealed record TsuruVolumePlan(string Guid, string Provisioner, ImmutableSortedDictionary<string, string> Opts) : IResource
{
    public string Name => Guid;
}

/// <summary>Where an app mounts a volume.</summary>
public sealed record TsuruVolumeBind(string App, string MountPoint, bool ReadOnly);

/// <summary>A persistent volume owned by a team in a pool, and the apps it is bound to.</summary>
public sealed record TsuruVolume(
    string Guid,
    string Pool,
    string Plan,
    string TeamOwner,
    ImmutableSortedDictionary<string, string> Opts,
    ImmutableList<TsuruVolumeBind> Binds) : IResource
{
    public string Name => Guid;
}

/// <summary>
/// Volumes (<c>/1.4/volumes</c>): create, list, info (with binds), update (<c>POST</c>, and <c>PUT</c> as documented;
/// refused once bound), delete (refused while bound), bind and unbind an app (restarting it unless
/// <c>noRestart</c>), and the plans per provisioner (<c>/1.4/volumeplans</c>).
/// </summary>
public sealed class TsuruVolumesApi : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(transaction =>
        transaction.Put(new TsuruVolumePlan("nfs", "kubernetes", ImmutableSortedDictionary<string, string>.Empty.Add("storage-class", "nfs"))));

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.4", "/volumes", List);
        TsuruRoutes.Map(routes, "POST", "1.4", "/volumes", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.4", "/volumes/{volume}", (string volume, HttpContext context) => TsuruJson.Json(Present(TsuruAuth.World(context), Visible(context, volume), withBinds: true)));
        TsuruRoutes.Map(routes, "POST", "1.4", "/volumes/{volume}", UpdateAsync);
        TsuruRoutes.Map(routes, "PUT", "1.4", "/volumes/{volume}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.4", "/volumes/{volume}", Delete);
        TsuruRoutes.Map(routes, "POST", "1.4", "/volumes/{volume}/bind", (string volume, HttpContext context) => ChangeBindAsync(volume, context, bind: true));
        TsuruRoutes.Map(routes, "DELETE", "1.4", "/volumes/{volume}/bind", (string volume, HttpContext context) => ChangeBindAsync(volume, context, bind: false));
        TsuruRoutes.Map(routes, "GET", "1.4", "/volumeplans", Plans);
    }

    /// <summary>The volumes an app mounts, as its info shows them; null when it mounts none.</summary>
    public static IReadOnlyList<object>? BindsOf(World world, string app)
    {
        var binds = world.Of<TsuruVolume>().All
            .SelectMany(volume => volume.Binds.Where(bind => bind.App == app).Select(bind => Bind(volume, bind)))
            .ToList();
        return binds.Count > 0 ? binds : null;
    }

    private static object Bind(TsuruVolume volume, TsuruVolumeBind bind) =>
        new { ID = new { App = bind.App, MountPoint = bind.MountPoint, Volume = volume.Name }, ReadOnly = bind.ReadOnly };

    private static bool CanSee(TsuruUser user, TsuruVolume volume) => TsuruAuth.CanUseTeam(user, volume.TeamOwner);

    private static TsuruVolume Visible(HttpContext context, string name)
    {
        var user = TsuruAuth.User(context);
        var volume = TsuruAuth.World(context).Find<TsuruVolume>(name) ?? throw TsuruException.NotFound("volume not found");
        return CanSee(user, volume) ? volume : throw TsuruException.Forbidden();
    }

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        return TsuruAccountsApi.List(world.Of<TsuruVolume>().All.Where(volume => CanSee(user, volume)).Select(volume => Present(world, volume, withBinds: false)));
    }

    private static IResult Plans(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        if (!user.IsAdmin && user.Teams.Count == 0)
        {
            throw TsuruException.Forbidden();
        }

        var plans = TsuruAuth.World(context).Of<TsuruVolumePlan>().All.ToList();
        return plans.Count == 0
            ? Results.NoContent()
            : TsuruJson.Json(plans.GroupBy(plan => plan.Provisioner).ToDictionary(group => group.Key, group => group.Select(plan => new { Name = plan.Name, Opts = plan.Opts })));
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        var team = input.Value("teamOwner") ?? string.Empty;
        if (!TsuruAuth.CanUseTeam(user, team))
        {
            throw TsuruException.Forbidden();
        }

        context.Foundation().Write(transaction =>
        {
            var volume = new TsuruVolume(name, input.Value("pool") ?? string.Empty, input.Value("plan.name") ?? string.Empty, team, input.Map("opts"), []);
            RequirePoolAndPlan(transaction.World, volume);
            if (transaction.Find<TsuruVolume>(name) is not null)
            {
                throw TsuruException.Conflict("volume already exists");
            }

            if (name.Length == 0)
            {
                throw TsuruException.BadRequest("volume name cannot be empty");
            }

            if (!TsuruNames.IsValid(name))
            {
                throw TsuruException.BadRequest("Invalid volume name, volume name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
            }

            RequireTeam(transaction.World, team);
            transaction.Put(volume);
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string volume, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var current = Visible(context, volume);
        context.Foundation().Write(transaction =>
        {
            if (!current.Binds.IsEmpty)
            {
                throw TsuruException.BadRequest("updating a volume already provisioned is not supported, a new volume must be created and the old one deleted if necessary");
            }

            var updated = current with
            {
                Pool = input.Value("pool") ?? string.Empty,
                Plan = input.Value("plan.name") ?? string.Empty,
                TeamOwner = input.Value("teamOwner") ?? string.Empty,
                Opts = input.Map("opts"),
            };
            RequirePoolAndPlan(transaction.World, updated);
            RequireTeam(transaction.World, updated.TeamOwner);
            transaction.Put(updated);
        });
        return Results.Ok();
    }

    private static IResult Delete(string volume, HttpContext context)
    {
        var current = Visible(context, volume);
        if (!current.Binds.IsEmpty)
        {
            throw TsuruException.BadRequest("cannot delete volume with existing binds");
        }

        context.Foundation().Write(transaction => transaction.Remove<TsuruVolume>(volume));
        return Results.Ok();
    }

    private static async Task<IResult> ChangeBindAsync(string volume, HttpContext context, bool bind)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var current = Visible(context, volume);
        var app = TsuruAppLookup.Visible(context, input.Value("app") ?? string.Empty);
        var mountPoint = input.Value("mountPoint") ?? string.Empty;
        var foundation = context.Foundation();
        foundation.Write(transaction =>
        {
            var existing = current.Binds.FirstOrDefault(candidate => candidate.App == app.Name && candidate.MountPoint == mountPoint);
            if (bind && existing is not null)
            {
                throw TsuruException.Conflict("volume already bound in mountpoint");
            }

            if (!bind && existing is null)
            {
                throw TsuruException.NotFound("volume bind not found");
            }

            transaction.Put(current with
            {
                Binds = bind ? current.Binds.Add(new TsuruVolumeBind(app.Name, mountPoint, input.Flag("readOnly"))) : current.Binds.Remove(existing!),
            });
        });
        return input.Flag("noRestart")
            ? Results.Ok()
            : TsuruStream.Of(foundation.Clock.Now, $"---- Restarting the app \"{app.Name}\" ----\n");
    }

    private static void RequirePoolAndPlan(World world, TsuruVolume volume)
    {
        if (world.Find<TsuruPool>(volume.Pool) is null)
        {
            throw TsuruException.NotFound("Pool does not exist.");
        }

        if (world.Find<TsuruVolumePlan>(volume.Plan) is null)
        {
            throw TsuruException.BadRequest("volume-plan not present in pool constraint");
        }
    }

    private static void RequireTeam(World world, string team)
    {
        if (world.Find<TsuruTeam>(team) is null)
        {
            throw TsuruException.NotFound("team not found");
        }
    }

    private static Dictionary<string, object?> Present(World world, TsuruVolume volume, bool withBinds) => new()
    {
        ["Name"] = volume.Name,
        ["Pool"] = volume.Pool,
        ["Plan"] = new { Name = volume.Plan, Opts = world.Find<TsuruVolumePlan>(volume.Plan)?.Opts },
        ["TeamOwner"] = volume.TeamOwner,
        ["Status"] = string.Empty,
        ["Binds"] = withBinds
            ? volume.Binds.Select(bind => Bind(volume, bind)).ToList()
            : null,
        ["Opts"] = volume.Opts,
    };
}
