using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;
using Microsoft.AspNetCore.WebUtilities;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>How one process of an app scales itself on CPU usage.</summary>
public sealed record TsuruAutoScaleSpec(
    [property: JsonPropertyName("process")] string Process,
    [property: JsonPropertyName("minUnits")] long MinUnits,
    [property: JsonPropertyName("maxUnits")] long MaxUnits,
    [property: JsonPropertyName("averageCPU")] string AverageCpu,
    [property: JsonPropertyName("version")] int Version);

/// <summary>The autoscale specs of an app (keyed by app name).</summary>
public sealed record TsuruAutoScale(string Guid, ImmutableList<TsuruAutoScaleSpec> Specs) : IResource;

/// <summary>
/// What acts on an app's units: autoscale (<c>/1.9/apps/{app}/units/autoscale</c>), registration by a unit's agent
/// (its hostname read from the body as form fields whatever the content type, as the server parses it; answers the
/// app's environment), status reports, killing a unit (it is replaced, as its pod would be) and running
/// a command on the units (<c>POST /apps/{app}/run</c>, logged under the <c>app-run</c> source).
/// </summary>
public sealed class TsuruAppUnitsApi : IFeatureModule
{
    private static readonly string[] Statuses = ["created", "building", "error", "started", "starting", "stopped"];
    private static readonly string[] AvailableStatuses = ["started", "starting", "error"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.9", "/apps/{app}/units/autoscale", (string app, HttpContext context) =>
        {
            TsuruAppLookup.Visible(context, app);
            return TsuruJson.Json(TsuruAuth.World(context).Find<TsuruAutoScale>(app)?.Specs ?? []);
        });
        TsuruRoutes.Map(routes, "POST", "1.9", "/apps/{app}/units/autoscale", SetAutoScaleAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.9", "/apps/{app}/units/autoscale", RemoveAutoScaleAsync);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/units/register", RegisterAsync);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/units/{unit}", SetStatusAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.12", "/apps/{app}/units/{unit}", Kill);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/run", RunAsync);
    }

    /// <summary>An app's autoscale specs for its info, null when it has none.</summary>
    public static IReadOnlyList<TsuruAutoScaleSpec>? AutoScaleOf(World world, string app) =>
        world.Find<TsuruAutoScale>(app)?.Specs is { IsEmpty: false } specs ? specs : null;

    private static async Task<IResult> SetAutoScaleAsync(string app, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var spec = new TsuruAutoScaleSpec(
            input.Value("process") ?? string.Empty,
            Unsigned(input, "minUnits"),
            Unsigned(input, "maxUnits"),
            input.Value("averageCPU") ?? string.Empty,
            (int)Unsigned(input, "version"));
        var quota = TsuruAppAccessApi.QuotaOf(TsuruAuth.World(context), app);
        var problem = spec switch
        {
            { MinUnits: 0 } => "minimum units must be greater than 0",
            _ when spec.MaxUnits <= spec.MinUnits => "maximum units must be greater than minimum units",
            _ when quota > 0 && spec.MaxUnits > quota => "maximum units cannot be greater than quota limit",
            _ when !IsCpu(spec.AverageCpu) => $"unable to parse value \"{spec.AverageCpu}\" as autoscale cpu percentage",
            _ => null,
        };
        if (problem is not null)
        {
            throw TsuruException.BadRequest($"unable to validate autoscale spec: {problem}");
        }

        context.Foundation().Write(transaction =>
        {
            var specs = transaction.Find<TsuruAutoScale>(app)?.Specs ?? [];
            transaction.Put(new TsuruAutoScale(app, [.. specs.Where(existing => existing.Process != spec.Process), spec]));
        });
        return Results.Ok();
    }

    private static async Task<IResult> RemoveAutoScaleAsync(string app, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        var process = (await TsuruInput.ReadAsync(context.Request)).Value("process") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruAutoScale>(app) is { } autoscale)
            {
                transaction.Put(autoscale with { Specs = autoscale.Specs.RemoveAll(spec => spec.Process == process) });
            }
        });
        return Results.Ok();
    }

    private static long Unsigned(TsuruInput input, string key) =>
        input.Value(key) is not { Length: > 0 } text ? 0
        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= int.MaxValue ? (long)value
        : throw TsuruException.BadRequest($"unable to parse autoscale spec: strconv.ParseUint: parsing \"{text}\": invalid syntax");

    private static bool IsCpu(string value) =>
        int.TryParse(value.EndsWith('%') ? value[..^1] : value.EndsWith('m') ? value[..^1] : value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static async Task<IResult> RegisterAsync(string app, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var agent = context.Request.Headers.UserAgent.ToString();
        if ((agent.StartsWith("go-http-client", StringComparison.OrdinalIgnoreCase) || agent.StartsWith("tsuru-deploy-agent", StringComparison.OrdinalIgnoreCase))
            && context.Request.Headers["X-Agent-Version"].Count == 0)
        {
            throw TsuruException.BadRequest($"Please contact admin. {current.Platform} platform is using outdated deploy-agent version, minimum required version is 0.2.4");
        }

        using var reader = new StreamReader(context.Request.Body);
        var hostname = QueryHelpers.ParseQuery(await reader.ReadToEndAsync(context.RequestAborted)).TryGetValue("hostname", out var given) ? given[0] ?? string.Empty : string.Empty;
        if (!current.Units.Any(unit => unit.Id == hostname))
        {
            throw TsuruException.NotFound($"unit \"{hostname}\" not found");
        }

        return TsuruJson.Json(TsuruAppsApi.Environment(TsuruAuth.World(context), current));
    }

    private static async Task<IResult> SetStatusAsync(string app, string unit, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var status = input.Value("status") ?? string.Empty;
        if (!Statuses.Contains(status))
        {
            throw TsuruException.BadRequest("invalid status");
        }

        var found = current.Units.FirstOrDefault(candidate => candidate.Id.StartsWith(unit, StringComparison.Ordinal))
            ?? throw TsuruException.NotFound($"unit \"{unit}\" not found");
        context.Foundation().Write(transaction => transaction.Put(current with { Units = current.Units.Replace(found, found with { Status = status }) }));
        return Results.Ok();
    }

    private static IResult Kill(string app, string unit, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var found = current.Units.FirstOrDefault(candidate => candidate.Id == unit) ?? throw TsuruException.NotFound($"unit \"{unit}\" not found");
        context.Foundation().Write(transaction => transaction.Put(current with
        {
            Units = current.Units.Replace(found, new TsuruUnit($"{app}-{found.ProcessName}-{transaction.NewGuid()[..8]}", found.ProcessName, found.Status)),
        }));
        return Results.Ok();
    }

    private static async Task<IResult> RunAsync(string app, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var command = input.Value("command") is { Length: > 0 } given ? given : throw TsuruException.BadRequest("You must provide the command to run");
        if (!input.Flag("isolated") && !current.Units.Any(unit => AvailableStatuses.Contains(unit.Status)))
        {
            throw TsuruException.BadRequest("App must be available to run non-isolated commands");
        }

        var foundation = context.Foundation();
        foundation.Write(transaction =>
            TsuruAppLog.Append(transaction, app, [new TsuruLogLine(transaction.Now, $"running '{command}'", "app-run", string.Empty)]));
        return TsuruStream.Of(foundation.Clock.Now);
    }
}
