using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;

namespace CloudFoundry.Fake.Admin;

public sealed record ClockAdvanceRequest(double Seconds);

public sealed record ClockSetRequest(DateTimeOffset? Now, bool? RealTime);

/// <summary>
/// The foundation clock: read, advance, set (and switch between frozen and real time). Lifecycles whose time has come
/// finish as the clock moves, so the admin API and the console see them done at once.
/// </summary>
public static class ClockAdmin
{
    public static void Map(RouteGroupBuilder foundation)
    {
        foundation.MapGet("/clock", (string id, Foundations foundations) => AdminApi.WithFoundation(foundations, id, Present));
        foundation.MapPost("/clock/advance", (string id, ClockAdvanceRequest request, Foundations foundations, Lifecycles lifecycles) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                if (request.Seconds < 0)
                {
                    return AdminApi.Invalid("The clock only moves forward.");
                }

                found.Clock.Advance(TimeSpan.FromSeconds(request.Seconds));
                return Present(found, lifecycles);
            }));
        foundation.MapPut("/clock", (string id, ClockSetRequest request, Foundations foundations, Lifecycles lifecycles) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                found.Clock.Set(request.Now ?? found.Clock.GetUtcNow(), request.RealTime);
                return Present(found, lifecycles);
            }));
    }

    private static IResult Present(Foundation foundation, Lifecycles lifecycles)
    {
        if (Lifecycles.HasDue(foundation.World, foundation.Clock.Now))
        {
            foundation.Write(lifecycles.FinishDue);
        }

        return Present(foundation);
    }

    private static IResult Present(Foundation foundation) =>
        Results.Json(new { now = Platform.CloudFoundry.CfJson.Timestamp(foundation.Clock.Now), real_time = foundation.Clock.RealTime });
}
