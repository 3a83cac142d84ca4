using System.Globalization;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>An event block: while active, it stops events matching its kind prefix, owner and target.</summary>
public sealed record TsuruEventBlock(
    string Guid, DateTimeOffset StartTime, DateTimeOffset? EndTime, string KindName, string OwnerName, string TargetType, string TargetValue, string Reason, bool Active) : IResource;

/// <summary>Tsuru events: list with filters, info, cancel, kinds and event blocks (webhooks live in <c>Webhooks/</c>).</summary>
public sealed partial class TsuruEventsApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.1", "/events", List);
        TsuruRoutes.Map(routes, "GET", "1.1", "/events/kinds", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruEvent>().All.Select(evt => evt.Kind).Distinct().Order(StringComparer.Ordinal)
                .Select(kind => new { Type = TsuruEvents.PermissionKindType, Name = kind }));
        });
        TsuruRoutes.Map(routes, "GET", "1.1", "/events/{id}", (string id, HttpContext context) =>
            TsuruJson.Json(TsuruEvents.Present(Readable(context, TsuruAuth.World(context), id))));
        TsuruRoutes.Map(routes, "POST", "1.1", "/events/{id}/cancel", CancelAsync);
        TsuruRoutes.Map(routes, "GET", "1.3", "/events/blocks", (HttpContext context) =>
        {
            TsuruAuth.Admin(context);
            var active = bool.TryParse(context.Request.Query["active"], out var flag) ? flag : (bool?)null;
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruEventBlock>().All.Where(block => active is null || block.Active == active).Select(Present));
        });
        TsuruRoutes.Map(routes, "POST", "1.3", "/events/blocks", AddBlockAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.3", "/events/blocks/{id}", RemoveBlock);
    }

    private static string ObjectId(string id) =>
        ObjectIdFormat().IsMatch(id) ? id : throw TsuruException.BadRequest($"uuid parameter is not ObjectId: {id}");

    private static TsuruEvent Readable(HttpContext context, World world, string id)
    {
        var user = TsuruAuth.User(context);
        var evt = world.Find<TsuruEvent>(ObjectId(id)) ?? throw TsuruException.NotFound("event not found");
        return TsuruEvents.CanRead(world, user, evt) ? evt : throw TsuruException.Forbidden();
    }

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var query = new Dictionary<string, string>(context.Request.Query.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())), StringComparer.OrdinalIgnoreCase);
        string Filter(string key) => query.GetValueOrDefault(key) ?? string.Empty;
        var kinds = context.Request.Query.Where(pair => pair.Key.Equals("kindname", StringComparison.OrdinalIgnoreCase)).SelectMany(pair => pair.Value).ToList();
        var running = bool.TryParse(Filter("running"), out var flag) ? flag : (bool?)null;
        var errorOnly = Filter("erroronly").Equals("true", StringComparison.OrdinalIgnoreCase);
        var since = DateTimeOffset.TryParse(Filter("since"), CultureInfo.InvariantCulture, out var from) ? from : (DateTimeOffset?)null;
        var until = DateTimeOffset.TryParse(Filter("until"), CultureInfo.InvariantCulture, out var to) ? to : (DateTimeOffset?)null;
        var skip = int.TryParse(Filter("skip"), CultureInfo.InvariantCulture, out var skipped) ? Math.Max(skipped, 0) : 0;
        var limit = int.TryParse(Filter("limit"), CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 100;
        var events = world.Of<TsuruEvent>().All
            .Where(evt => TsuruEvents.CanRead(world, user, evt))
            .Where(evt => Filter("target.type").Length == 0 || evt.TargetType == Filter("target.type"))
            .Where(evt => Filter("target.value").Length == 0 || evt.TargetValue == Filter("target.value"))
            .Where(evt => Filter("kindtype").Length == 0 || Filter("kindtype") == TsuruEvents.PermissionKindType)
            .Where(evt => kinds.Count == 0 || kinds.Contains(evt.Kind))
            .Where(evt => Filter("ownertype").Length == 0 || evt.OwnerType == Filter("ownertype"))
            .Where(evt => Filter("ownername").Length == 0 || evt.OwnerName == Filter("ownername"))
            .Where(evt => running is null || evt.Running == running)
            .Where(evt => !errorOnly || evt.Error.Length > 0)
            .Where(evt => since is null || evt.StartTime >= since)
            .Where(evt => until is null || evt.StartTime <= until)
            .Reverse()
            .OrderByDescending(evt => evt.StartTime)
            .Skip(skip)
            .Take(limit)
            .Select(TsuruEvents.Present);
        return TsuruAccountsApi.List(events);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        context.Foundation().Write(transaction =>
        {
            var evt = transaction.Find<TsuruEvent>(ObjectId(id)) ?? throw TsuruException.NotFound("event not found");
            var reason = input.Value("reason") ?? string.Empty;
            if (reason.Length == 0)
            {
                throw TsuruException.BadRequest("reason is mandatory");
            }

            if (!TsuruEvents.CanRead(transaction.World, user, evt))
            {
                throw TsuruException.Forbidden();
            }

            if (!evt.Cancelable || !evt.Running)
            {
                throw TsuruException.BadRequest("event is not cancelable");
            }

            if (evt.Cancel is not null)
            {
                throw TsuruException.BadRequest("event cancel already requested");
            }

            transaction.Put(evt with { Cancel = new TsuruEventCancel(user.Email, transaction.Now, reason) });
        });
        return Results.NoContent();
    }

    private static Dictionary<string, object?> Present(TsuruEventBlock block) => new()
    {
        ["ID"] = block.Guid,
        ["StartTime"] = TsuruEvents.Time(block.StartTime),
        ["EndTime"] = TsuruEvents.Time(block.EndTime),
        ["KindName"] = block.KindName,
        ["OwnerName"] = block.OwnerName,
        ["Target"] = new { Type = block.TargetType, Value = block.TargetValue },
        ["Conditions"] = null,
        ["Reason"] = block.Reason,
        ["Active"] = block.Active,
    };

    private static async Task<IResult> AddBlockAsync(HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var reason = input.Value("reason") ?? string.Empty;
        if (reason.Length == 0)
        {
            throw TsuruException.BadRequest("reason is required");
        }

        context.Foundation().Write(transaction =>
        {
            var id = TsuruEvents.NewId(transaction);
            transaction.Put(new TsuruEventBlock(
                id, transaction.Now, null, input.Value("kindname") ?? string.Empty, input.Value("ownername") ?? string.Empty,
                input.Value("target.type") ?? string.Empty, input.Value("target.value") ?? string.Empty, reason, true));
            TsuruEvents.Record(transaction, "event-block.add", "event-block", id, caller);
        });
        return Results.Ok();
    }

    private static IResult RemoveBlock(string id, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        ObjectId(id);
        context.Foundation().Write(transaction =>
        {
            var block = transaction.Find<TsuruEventBlock>(id) is { Active: true } active ? active : throw TsuruException.NotFound($"active event block with id {id} not found");
            transaction.Put(block with { Active = false, EndTime = transaction.Now });
            TsuruEvents.Record(transaction, "event-block.remove", "event-block", id, caller);
        });
        return Results.Ok();
    }

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex ObjectIdFormat();
}
