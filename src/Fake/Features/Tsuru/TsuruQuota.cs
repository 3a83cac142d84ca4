using System.Globalization;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>User and team app quotas: <c>{"limit":N,"inuse":M}</c>, -1 meaning unlimited.</summary>
public static class TsuruQuota
{
    public static IResult Present(int limit, int inUse) => TsuruJson.Json(new { limit, inuse = inUse });

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
