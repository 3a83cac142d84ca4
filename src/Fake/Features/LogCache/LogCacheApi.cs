using System.Globalization;
using System.Text;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Builds;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.LogCache;

/// <summary>
/// The log-cache subset the cf CLI reads (<c>/log-cache/api/v1/info</c> and <c>/read/{source}</c>): envelopes derived
/// from the app's staging and runtime history, so <c>cf logs --recent</c> and push output show what happened.
/// </summary>
public sealed class LogCacheApi : IFeatureModule
{
    /// <summary>
    /// The root document links log-cache to <c>{api}/log-cache</c>, but the cf CLI's log-cache client keeps only the
    /// host of that link, so the same endpoints are served at the root too.
    /// </summary>
    private static readonly string[] Prefixes = ["/log-cache/api/v1", "/api/v1", "/v1"];

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var prefix in Prefixes)
        {
            routes.MapGet(prefix + "/info", Info);
            routes.MapGet(prefix + "/read/{sourceId}", Read);
        }
    }

    private static IResult Info(CfContext cf) =>
        Results.Json(new { version = "3.0.0", vm_uptime = ((long)(cf.Foundation.Clock.Now - Engine.VirtualClock.DefaultEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture) });

    private static IResult Read(string sourceId, CfContext cf)
    {
        var access = cf.Access();
        var app = access.World.Find<App>(sourceId);
        if (app is null || !access.CanReadSpace(app.SpaceGuid))
        {
            return Results.Json(new { envelopes = new { batch = Array.Empty<object>() } });
        }

        var lines = new List<(DateTimeOffset At, string Source, string Text)>();
        foreach (var build in cf.World.Of<Build>().All.Where(build => build.AppGuid == app.Guid))
        {
            lines.Add((build.CreatedAt, "STG", "Downloading app package..."));
            lines.Add((build.UpdatedAt, "STG", build.State switch
            {
                Build.Staged => "Staging complete",
                Build.Failed => "Staging failed: " + build.Error,
                _ => "Staging...",
            }));
        }

        foreach (var process in ProcessRuntime.Of(cf.World, app.Guid))
        {
            for (var index = 0; index < process.InstanceStates.Count; index++)
            {
                lines.Add((process.UpdatedAt, "CELL", $"Container became {(process.InstanceStates[index] == InstanceStates.Running ? "healthy" : "unhealthy")} (instance {index})"));
            }
        }

        var query = cf.Http.Request.Query;
        var descending = query["descending"] == "true";
        var limit = int.TryParse(query["limit"], out var parsed) && parsed > 0 ? parsed : 100;
        var start = long.TryParse(query["start_time"], CultureInfo.InvariantCulture, out var from) ? from : long.MinValue;
        var end = long.TryParse(query["end_time"], CultureInfo.InvariantCulture, out var to) ? to : long.MaxValue;
        var window = lines.Where(line => Nanoseconds(line.At) >= start && Nanoseconds(line.At) < end);
        var ordered = descending ? window.OrderByDescending(line => line.At) : window.OrderBy(line => line.At);
        var batch = ordered.Take(limit).Select(line => new
        {
            timestamp = Nanoseconds(line.At).ToString(CultureInfo.InvariantCulture),
            source_id = app.Guid,
            instance_id = "0",
            tags = new Dictionary<string, string> { ["source_type"] = line.Source },
            log = new { payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(line.Text)), type = "OUT" },
        });
        return Results.Json(new { envelopes = new { batch } });
    }

    /// <summary>An envelope's timestamp: nanoseconds since the epoch (one past the millisecond, so a read from the next nanosecond skips it).</summary>
    private static long Nanoseconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() * 1_000_000L) + 1;
}
