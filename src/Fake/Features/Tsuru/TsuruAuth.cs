using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Resolves the Tsuru caller from the last word of <c>Authorization</c>, tried as a session token, a user's API key
/// and a team token, in the server's order.
/// </summary>
public static class TsuruAuth
{
    /// <summary>The domain of the user a team token acts as (<c>{token_id}@tsuru-team-token</c>).</summary>
    public const string TeamTokenDomain = "tsuru-team-token";

    public static TsuruUser? OptionalUser(HttpContext context)
    {
        var words = context.Request.Headers.Authorization.ToString().Split(' ', StringSplitOptions.None);
        var token = words.Length is 1 or 2 ? words[^1] : string.Empty;
        if (token.Length == 0)
        {
            return null;
        }

        var world = context.Foundation().World;
        var now = context.Foundation().Clock.Now;
        if (world.Find<TsuruToken>(token) is { } session)
        {
            return session.ExpiresAt > now ? world.Find<TsuruUser>(session.Email) : null;
        }

        if (world.Of<TsuruUser>().All.FirstOrDefault(user => user.ApiKey == token) is { } owner)
        {
            return owner;
        }

        var teamToken = world.Of<TsuruTeamToken>().All.FirstOrDefault(team => team.Token == token && (team.ExpiresAt is null || team.ExpiresAt > now));
        return teamToken is null ? null : TeamTokenUser(world, teamToken);
    }

    public static TsuruUser User(HttpContext context) => OptionalUser(context) ?? throw TsuruException.Unauthorized();

    /// <summary>The caller when it holds the global root permission, else 403 <c>permission.ErrUnauthorized</c>.</summary>
    public static TsuruUser Admin(HttpContext context) => User(context) is { IsAdmin: true } admin ? admin : throw TsuruException.Forbidden();

    public static bool CanUseTeam(TsuruUser user, string team) => user.IsAdmin || user.Teams.Contains(team);

    public static bool CanSee(TsuruUser user, TsuruApp app) => user.IsAdmin || app.Teams.Any(user.Teams.Contains);

    /// <summary>The caller's only team, used when a request names none (the server's <c>autoTeamOwner</c>).</summary>
    public static string OnlyTeam(World world, TsuruUser user)
    {
        var teams = world.Of<TsuruTeam>().All.Where(team => CanUseTeam(user, team.Name)).ToList();
        return teams.Count == 1 ? teams[0].Name : throw TsuruException.BadRequest("You must provide a team to execute this action.");
    }

    public static World World(HttpContext context) => context.Foundation().World;

    private static TsuruUser TeamTokenUser(World world, TsuruTeamToken token)
    {
        var root = token.Roles.Any(instance => world.Find<TsuruRole>(instance.Name) is { ContextType: "global" } role && role.SchemeNames.Contains("*"));
        return new TsuruUser($"{token.TokenId}@{TeamTokenDomain}", string.Empty, root, [token.Team]) { Roles = token.Roles };
    }
}
