using System.Globalization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>User and team app quotas: <c>{"limit":N,"inuse":M}</c>, -1 meaning unlimited.</summary>
public static class TsuruQuota
{
    public static IResult Present(int limit, int inUse) => TsuruJson.Json(new { limit, inuse = inUse });

    /// <summary>403 <c>Quota exceeded</c> when the user or the team owning a new app is at its app limit.</summary>
    public static void EnsureRoomForApp(World world, TsuruUser owner, string team)
    {
        var userLimit = world.Find<TsuruUser>(owner.Email)?.QuotaLimit ?? -1;
        var teamLimit = world.Find<TsuruTeam>(team)?.QuotaLimit ?? -1;
        var apps = world.Of<TsuruApp>().All;
        if ((userLimit >= 0 && apps.Count(app => app.Owner == owner.Email) >= userLimit) || (teamLimit >= 0 && apps.Count(app => app.TeamOwner == team) >= teamLimit))
        {
            throw new TsuruException(StatusCodes.Status403Forbidden, "Quota exceeded");
        }
    }

    /// <summary>The new limit from the <c>limit</c> field, checked against what is in use.</summary>
    public static int NewLimit(TsuruInput input, int inUse)
    {
        if (!int.TryParse(input.Value("limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            throw TsuruException.BadRequest("Invalid limit");
        }

        if (limit < 0)
        {
            return -1;
        }

        return limit < inUse
            ? throw new TsuruException(StatusCodes.Status403Forbidden, "New limit is less than the current allocated value")
            : limit;
    }
}
