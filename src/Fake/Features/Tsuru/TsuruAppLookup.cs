using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Loads the app of an <c>{app}</c> route as the server's middleware does: 401 without a user, 404
/// <c>App &lt;name&gt; not found.</c>, then 403 when none of the caller's teams has access.
/// </summary>
public static class TsuruAppLookup
{
    public static TsuruApp Visible(HttpContext context, string name)
    {
        var user = TsuruAuth.User(context);
        var app = TsuruAuth.World(context).Find<TsuruApp>(name) ?? throw TsuruException.NotFound($"App {name} not found.");
        return TsuruAuth.CanSee(user, app) ? app : throw TsuruException.Forbidden();
    }
}
