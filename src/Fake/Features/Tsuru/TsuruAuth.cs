using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Resolves the Tsuru caller: the last word of <c>Authorization</c> is a session token.</summary>
public static class TsuruAuth
{
    public static TsuruUser? OptionalUser(HttpContext context)
    {
        var words = context.Request.Headers.Authorization.ToString().Split(' ', StringSplitOptions.None);
        var token = words.Length is 1 or 2 ? words[^1] : string.Empty;
        var world = context.Foundation().World;
        return world.Find<TsuruToken>(token) is { } session && session.ExpiresAt > context.Foundation().Clock.Now
            ? world.Find<TsuruUser>(session.Email)
            : null;
    }

    public static TsuruUser User(HttpContext context) => OptionalUser(context) ?? throw TsuruException.Unauthorized();

    public static bool CanUseTeam(TsuruUser user, string team) => user.IsAdmin || user.Teams.Contains(team);

    public static bool CanSee(TsuruUser user, TsuruApp app) => user.IsAdmin || app.Teams.Any(user.Teams.Contains);

    public static World World(HttpContext context) => context.Foundation().World;
}
