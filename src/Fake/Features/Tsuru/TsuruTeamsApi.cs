using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru teams: list, create, info, update (rename and tags), removal, members, groups and app quota.</summary>
public sealed partial class TsuruTeamsApi : IFeatureModule
{
    private static readonly string[] AdminTeamPermissions = ["app", "team", "service-instance"];
    private static readonly string[] MemberTeamPermissions = ["app"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/teams", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruTeam>().All.Where(team => TsuruAuth.CanUseTeam(user, team.Name))
                .Select(team => new { name = team.Name, tags = team.Tags, permissions = user.IsAdmin ? AdminTeamPermissions : MemberTeamPermissions }));
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/teams", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.4", "/teams/{name}", Info);
        TsuruRoutes.Map(routes, "PUT", "1.6", "/teams/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "POST", "1.4", "/teams/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/teams/{name}", Delete);
        TsuruRoutes.Map(routes, "GET", "1.17", "/teams/{name}/users", (string name, HttpContext context) =>
        {
            var world = TsuruAuth.World(context);
            Readable(context, name);
            var teamRoles = TeamRoles(world);
            return TsuruJson.Sniffed(world.Of<TsuruUser>().All
                .Select(user => new { email = user.Email, roles = user.Roles.Where(role => role.ContextValue == name && teamRoles.Contains(role.Name)).Select(role => role.Name).Distinct().ToList() })
                .Where(item => item.roles.Count > 0));
        });
        TsuruRoutes.Map(routes, "GET", "1.17", "/teams/{name}/groups", (string name, HttpContext context) =>
        {
            var world = TsuruAuth.World(context);
            Readable(context, name);
            var teamRoles = TeamRoles(world);
            return TsuruJson.Sniffed(world.Of<TsuruGroup>().All
                .Select(group => new { group = group.Name, roles = group.Roles.Where(role => role.ContextValue == name && teamRoles.Contains(role.Name)).Select(role => role.Name).Distinct().ToList() })
                .Where(item => item.roles.Count > 0));
        });
        TsuruRoutes.Map(routes, "GET", "1.12", "/teams/{name}/quota", (string name, HttpContext context) =>
        {
            var team = Readable(context, name);
            return TsuruQuota.Present(team.QuotaLimit, AppsOwnedBy(TsuruAuth.World(context), name));
        });
        TsuruRoutes.Map(routes, "PUT", "1.12", "/teams/{name}/quota", SetQuotaAsync);
    }

    /// <summary>Whether a team name is valid (starts with a letter, 2+ characters of letters, digits, <c>-@_.+</c>).</summary>
    public static void ValidateName(string name)
    {
        if (!TeamName().IsMatch(name))
        {
            throw TsuruException.BadRequest("Invalid team name, team names should start with a letter andcontain only lower case letters, numbers, dashes, underscore and @.");
        }
    }

    private static HashSet<string> TeamRoles(World world) =>
        [.. world.Of<TsuruRole>().All.Where(role => role.ContextType == "team").Select(role => role.Name)];

    private static int AppsOwnedBy(World world, string team) => world.Of<TsuruApp>().All.Count(app => app.TeamOwner == team);

    private static TsuruTeam Readable(HttpContext context, string name)
    {
        var user = TsuruAuth.User(context);
        var team = TsuruAuth.World(context).Find<TsuruTeam>(name) ?? throw TsuruException.NotFound("team not found");
        return TsuruAuth.CanUseTeam(user, name) ? team : throw TsuruException.Forbidden();
    }

    private static IResult Info(string name, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var team = world.Find<TsuruTeam>(name) is { } found && TsuruAuth.CanUseTeam(user, found.Name) ? found : throw TsuruException.NotFound("team not found");
        return TsuruJson.Json(new
        {
            name = team.Name,
            tags = team.Tags,
            users = world.Of<TsuruUser>().All.Where(member => member.Teams.Contains(team.Name)).Select(member => new { Email = member.Email }),
            pools = world.Of<TsuruPool>().All.Where(pool => pool.Teams.Contains(team.Name)).Select(pool => new { pool.Name, pool.Default, Provisioner = TsuruPoolsApi.Provisioner, pool.Labels }),
            apps = world.Of<TsuruApp>().All.Where(app => app.Teams.Contains(team.Name)).Select(app => new { name = app.Name }),
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        ValidateName(name);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruTeam>(name) is not null)
            {
                throw TsuruException.Conflict("team already exists");
            }

            transaction.Put(new TsuruTeam(name, [.. input.Values("tag")], user.Email));
            if (transaction.Find<TsuruUser>(user.Email) is { } stored)
            {
                var defaults = TsuruRolesApi.DefaultRoles(transaction.World, TsuruRolesApi.TeamCreateEvent).Select(role => new TsuruRoleInstance(role, name));
                transaction.Put(stored with { Teams = stored.Teams.Add(name), Roles = stored.Roles.AddRange(defaults.Except(stored.Roles)) });
            }

            TsuruEvents.Record(transaction, "team.create", "team", name, user);
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        if (!TsuruAuth.CanUseTeam(user, name))
        {
            throw TsuruException.Forbidden();
        }

        var newName = input.Value("newname") ?? string.Empty;
        var tags = input.Values("tags").Concat(input.Values("tag")).ToList();
        context.Foundation().Write(transaction =>
        {
            var team = transaction.Find<TsuruTeam>(name) ?? throw TsuruException.NotFound("team not found");
            TsuruEvents.Record(transaction, "team.update", "team", name, user);
            if (newName.Length == 0)
            {
                transaction.Put(team with { Tags = [.. tags] });
                return;
            }

            ValidateName(newName);
            if (transaction.Find<TsuruTeam>(newName) is not null)
            {
                throw TsuruException.Conflict("team already exists");
            }

            transaction.Remove<TsuruTeam>(name);
            transaction.Put(new TsuruTeam(newName, [.. tags], team.CreatingUser) { QuotaLimit = team.QuotaLimit });
            Rename(transaction, name, newName);
        });
        return Results.Ok();
    }

    private static void Rename(Transaction transaction, string from, string to)
    {
        string Swap(string team) => team == from ? to : team;
        System.Collections.Immutable.ImmutableList<TsuruRoleInstance> Instances(IEnumerable<TsuruRoleInstance> roles) => [.. roles.Select(role => role with { ContextValue = Swap(role.ContextValue) })];
        foreach (var app in transaction.Of<TsuruApp>().All.Where(app => app.TeamOwner == from || app.Teams.Contains(from)).ToList())
        {
            transaction.Put(app with { TeamOwner = Swap(app.TeamOwner), Teams = [.. app.Teams.Select(Swap)] });
        }

        foreach (var user in transaction.Of<TsuruUser>().All.Where(user => user.Teams.Contains(from) || user.Roles.Any(role => role.ContextValue == from)).ToList())
        {
            transaction.Put(user with { Teams = [.. user.Teams.Select(Swap)], Roles = Instances(user.Roles) });
        }

        foreach (var pool in transaction.Of<TsuruPool>().All.Where(pool => pool.Teams.Contains(from)).ToList())
        {
            transaction.Put(pool with { Teams = [.. pool.Teams.Select(Swap)] });
        }

        foreach (var token in transaction.Of<TsuruTeamToken>().All.Where(token => token.Team == from).ToList())
        {
            transaction.Put(token with { Team = to, Roles = Instances(token.Roles) });
        }
    }

    private static IResult Delete(string name, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruTeam>(name) is null || !TsuruAuth.CanUseTeam(user, name))
            {
                throw TsuruException.NotFound($"Team \"{name}\" not found.");
            }

            var apps = transaction.Of<TsuruApp>().All.Where(app => app.TeamOwner == name).Select(app => app.Name).ToList();
            if (apps.Count > 0)
            {
                throw new TsuruException(StatusCodes.Status403Forbidden, $"This team cannot be removed because there are still references to it:\nApps: {string.Join(", ", apps)}");
            }

            transaction.Remove<TsuruTeam>(name);
            TsuruEvents.Record(transaction, "team.delete", "team", name, user);
        });
        return Results.Ok();
    }

    private static async Task<IResult> SetQuotaAsync(string name, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        context.Foundation().Write(transaction =>
        {
            var team = transaction.Find<TsuruTeam>(name) ?? throw TsuruException.NotFound("team not found");
            transaction.Put(team with { QuotaLimit = TsuruQuota.NewLimit(input, AppsOwnedBy(transaction.World, name)) });
            TsuruEvents.Record(transaction, "team.update.quota", "team", name, caller);
        });
        return Results.Ok();
    }

    [GeneratedRegex(@"^[a-z][-@_.+\w]+$")]
    private static partial Regex TeamName();
}
