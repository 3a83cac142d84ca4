using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru login, users, teams, pools, plans, platforms and server info.</summary>
public sealed partial class TsuruAccountsApi : IFeatureModule
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);
    private static readonly string[] AdminTeamPermissions = ["app", "team", "service-instance"];
    private static readonly string[] MemberTeamPermissions = ["app"];

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(TsuruSeed.Apply);

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "POST", "1.0", "/users/{email}/tokens", (string email, HttpContext context) => LoginAsync(context, email));
        TsuruRoutes.Map(routes, "POST", "1.0", "/auth/login", (HttpContext context) => LoginAsync(context, null));
        TsuruRoutes.Map(routes, "GET", "1.0", "/auth/scheme", () => TsuruJson.Json(new { name = "native", data = (object?)null }));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/users/tokens", Logout);
        TsuruRoutes.Map(routes, "GET", "1.0", "/users/info", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            var roles = user.IsAdmin ? new[] { new { Name = "AllowAll", ContextType = "global", ContextValue = string.Empty } } : [];
            return TsuruJson.Json(new { Email = user.Email, Roles = roles, Permissions = user.IsAdmin ? new[] { new { Name = "", ContextType = "global", ContextValue = "" } } : [], Groups = Array.Empty<string>() });
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/users", CreateUserAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/users", (HttpContext context) =>
        {
            var caller = TsuruAuth.User(context);
            var users = TsuruAuth.World(context).Of<TsuruUser>().All.Where(user => caller.IsAdmin || user.Email == caller.Email).ToList();
            return List(users.Select(user => new { Email = user.Email, Roles = Array.Empty<object>(), Permissions = Array.Empty<object>() }));
        });
        TsuruRoutes.Map(routes, "GET", "1.0", "/info", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return TsuruJson.Json(new { version = "1.18.1" });
        });
        TsuruRoutes.Map(routes, "GET", "1.0", "/healthcheck", () => Results.Text("WORKING"));
        TsuruRoutes.Map(routes, "GET", "1.0", "/teams", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return List(TsuruAuth.World(context).Of<TsuruTeam>().All.Where(team => TsuruAuth.CanUseTeam(user, team.Name))
                .Select(team => new { name = team.Name, tags = team.Tags, permissions = user.IsAdmin ? AdminTeamPermissions : MemberTeamPermissions }));
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/teams", CreateTeamAsync);
        TsuruRoutes.Map(routes, "GET", "1.4", "/teams/{name}", (string name, HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            var world = TsuruAuth.World(context);
            var team = world.Find<TsuruTeam>(name) is { } found && TsuruAuth.CanUseTeam(user, found.Name) ? found : throw TsuruException.NotFound("team not found");
            return TsuruJson.Json(new
            {
                name = team.Name,
                tags = team.Tags,
                users = world.Of<TsuruUser>().All.Where(member => member.Teams.Contains(team.Name)).Select(member => new { Email = member.Email }),
                pools = world.Of<TsuruPool>().All.Where(pool => pool.Public || pool.Teams.Contains(team.Name)).Select(pool => pool.Name),
                apps = world.Of<TsuruApp>().All.Where(app => app.Teams.Contains(team.Name)).Select(app => new { name = app.Name }),
            });
        });
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/teams/{name}", DeleteTeam);
        TsuruRoutes.Map(routes, "GET", "1.0", "/pools", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return List(TsuruAuth.World(context).Of<TsuruPool>().All.Where(pool => user.IsAdmin || pool.Public || pool.Teams.Any(user.Teams.Contains))
                .Select(pool => new { name = pool.Name, labels = new Dictionary<string, string>(), @public = pool.Public, @default = pool.Default, provisioner = "kubernetes", teams = pool.Teams, allowed = new Dictionary<string, string[]> { ["team"] = [.. pool.Teams] } }));
        });
        TsuruRoutes.Map(routes, "GET", "1.0", "/plans", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return List(TsuruAuth.World(context).Of<TsuruPlan>().All.Select(plan => new { name = plan.Name, memory = plan.Memory, cpumilli = plan.CpuMilli, @default = plan.Default }));
        });
        TsuruRoutes.Map(routes, "GET", "1.0", "/platforms", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return List(TsuruAuth.World(context).Of<TsuruPlatform>().All.Select(platform => new { Name = platform.Name, Disabled = platform.Disabled }));
        });
    }

    /// <summary>Tsuru answers an empty list with 204 and no body.</summary>
    public static IResult List<T>(IEnumerable<T> items)
        where T : notnull
    {
        var list = items.ToList();
        return list.Count == 0 ? Results.NoContent() : TsuruJson.Json(list);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, string? email)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        email ??= input.Value("email") ?? string.Empty;
        var password = input.Value("password") ?? throw TsuruException.BadRequest("you must provide a password to login");
        if (!EmailFormat().IsMatch(email))
        {
            throw TsuruException.BadRequest("invalid email");
        }

        var foundation = context.Foundation();
        var user = foundation.World.Find<TsuruUser>(email) ?? throw TsuruException.NotFound("user not found");
        if (user.Password != password)
        {
            throw new TsuruException(StatusCodes.Status401Unauthorized, "Authentication failed, wrong password.");
        }

        var token = foundation.Write(transaction => OpenSession(transaction, email));
        return Results.Text($"{{\"token\":\"{token.Guid}\"}}\n", "text/plain; charset=utf-8");
    }

    /// <summary>A new session token of a user, as a login issues it (the admin API issues them without a password).</summary>
    public static TsuruToken OpenSession(Transaction transaction, string email)
    {
        var value = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(transaction.NewGuid())));
        return transaction.Put(new TsuruToken(value, email, transaction.Now + SessionLifetime));
    }

    private static IResult Logout(HttpContext context)
    {
        TsuruAuth.User(context);
        var token = context.Request.Headers.Authorization.ToString().Split(' ')[^1];
        context.Foundation().Write(transaction => transaction.Remove<TsuruToken>(token));
        return Results.Ok();
    }

    private static async Task<IResult> CreateUserAsync(HttpContext context)
    {
        var caller = TsuruAuth.OptionalUser(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var email = input.Value("email") ?? string.Empty;
        var password = input.Value("password") ?? string.Empty;
        if (caller?.IsAdmin != true)
        {
            throw new TsuruException(StatusCodes.Status401Unauthorized, "User registration is disabled for non-admin users.");
        }

        if (!EmailFormat().IsMatch(email))
        {
            throw TsuruException.BadRequest("invalid email");
        }

        if (password.Length is < 6 or > 50)
        {
            throw TsuruException.BadRequest("password length should be least 6 characters and at most 50 characters");
        }

        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruUser>(email) is not null)
            {
                throw TsuruException.Conflict("this email is already registered");
            }

            transaction.Put(new TsuruUser(email, password, false, []));
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateTeamAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        if (!TeamName().IsMatch(name))
        {
            throw TsuruException.BadRequest("Invalid team name, team names should start with a letter andcontain only lower case letters, numbers, dashes, underscore and @.");
        }

        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruTeam>(name) is not null)
            {
                throw TsuruException.Conflict("team already exists");
            }

            transaction.Put(new TsuruTeam(name, [.. input.Values("tag")], user.Email));
            transaction.Put(user with { Teams = user.Teams.Add(name) });
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static IResult DeleteTeam(string name, HttpContext context)
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
        });
        return Results.Ok();
    }

    [GeneratedRegex(@"^([^@\s]+)@((?:[-a-z0-9]+\.)+[a-z]{2,})$")]
    private static partial Regex EmailFormat();

    [GeneratedRegex(@"^[a-z][-@_.+\w]+$")]
    private static partial Regex TeamName();

}
