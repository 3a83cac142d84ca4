using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Finds services and service instances with the server's not-found texts, and decides who may act on them: a
/// service's owner teams provision it, an instance's teams use it, admins do everything.
/// </summary>
public static class TsuruServiceAccess
{
    public static TsuruService Service(World world, string name) =>
        world.Find<TsuruService>(name) ?? throw TsuruException.NotFound("Service not found");

    public static TsuruServiceInstance Instance(World world, string service, string instance) =>
        world.Find<TsuruServiceInstance>(TsuruServiceInstance.Key(service, instance)) ?? throw TsuruException.NotFound("service instance not found");

    public static bool CanProvision(TsuruUser user, TsuruService service) => user.IsAdmin || service.OwnerTeams.Any(user.Teams.Contains);

    public static bool CanUse(TsuruUser user, TsuruServiceInstance instance) => user.IsAdmin || instance.Teams.Any(user.Teams.Contains);

    /// <summary>The service, when the caller may provision it (403 otherwise, 404 when missing).</summary>
    public static TsuruService Provisioned(HttpContext context, string name)
    {
        var user = TsuruAuth.User(context);
        var service = Service(TsuruAuth.World(context), name);
        return CanProvision(user, service) ? service : throw TsuruException.Forbidden();
    }

    /// <summary>The instance, when the caller's teams may use it (403 otherwise, 404 when missing).</summary>
    public static TsuruServiceInstance Used(HttpContext context, string service, string instance)
    {
        var user = TsuruAuth.User(context);
        var found = Instance(TsuruAuth.World(context), service, instance);
        return CanUse(user, found) ? found : throw TsuruException.Forbidden();
    }

    /// <summary>The team the caller acts for when none was given: its only team, else the server's error.</summary>
    public static string SingleTeam(World world, TsuruUser user, string tooManyMessage)
    {
        if (!user.IsAdmin && user.Teams.Count == 0)
        {
            throw TsuruException.Forbidden();
        }

        var teams = world.Of<TsuruTeam>().All.Where(team => TsuruAuth.CanUseTeam(user, team.Name)).Take(2).ToList();
        return !user.IsAdmin && teams.Count == 1 ? teams[0].Name : throw TsuruException.BadRequest(tooManyMessage);
    }
}
