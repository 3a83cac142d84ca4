using System.Collections.Immutable;
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

/// <summary>A webhook called for matching events (stored and served; the fake does not deliver them).</summary>
public sealed record TsuruWebhook(string Guid, string TeamOwner, ImmutableSortedDictionary<string, object> Fields) : IResource
{
    public string Name => Guid;
}

/// <summary>Tsuru events: list with filters, info, cancel, kinds, event blocks and event webhooks.</summary>
public sealed partial class TsuruEventsApi : IFeatureModule
{
    private static readonly string[] WebhookFilters = ["target_types", "target_values", "kind_types", "kind_names"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.1", "/events", List);
        TsuruRoutes.Map(routes, "GET", "1.1", "/events/kinds", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruEvent>().All.Select(evt => evt.Kind).Distinct().Order(StringComparer.Ordinal)
                .Select(kind => new { Type = "permission", Name = kind }));
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
        TsuruRoutes.Map(routes, "GET", "1.6", "/events/webhooks", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruWebhook>().All.Where(hook => TsuruAuth.CanUseTeam(user, hook.TeamOwner)).Select(hook => hook.Fields));
        });
        TsuruRoutes.Map(routes, "POST", "1.6", "/events/webhooks", (HttpContext context) => SaveWebhookAsync(context, null));
        TsuruRoutes.Map(routes, "GET", "1.6", "/events/webhooks/{name}", (string name, HttpContext context) =>
            TsuruJson.Json(ExistingWebhook(context, TsuruAuth.World(context), name).Fields));
        TsuruRoutes.Map(routes, "PUT", "1.6", "/events/webhooks/{name}", (string name, HttpContext context) => SaveWebhookAsync(context, name));
        TsuruRoutes.Map(routes, "DELETE", "1.6", "/events/webhooks/{name}", (string name, HttpContext context) =>
            context.Foundation().Write(transaction =>
            {
                ExistingWebhook(context, transaction.World, name);
                transaction.Remove<TsuruWebhook>(name);
                TsuruEvents.Record(transaction, "webhook.delete", "webhook", name, TsuruAuth.User(context));
                return Results.Ok();
            }));
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
            .Where(evt => Filter("kindtype").Length == 0 || Filter("kindtype") == "permission")
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

    /// <summary>The server writes its 404 before the error, so the text of the error follows as the body.</summary>
    private static TsuruWebhook ExistingWebhook(HttpContext context, World world, string name) =>
        Webhook(context, world, name) ?? throw TsuruException.NotFound("webhook not found");

    private static TsuruWebhook? Webhook(HttpContext context, World world, string name)
    {
        var user = TsuruAuth.User(context);
        var hook = world.Find<TsuruWebhook>(name);
        return hook is null || TsuruAuth.CanUseTeam(user, hook.TeamOwner) ? hook : throw TsuruException.Forbidden();
    }

    private static async Task<IResult> SaveWebhookAsync(HttpContext context, string? existing)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = existing ?? input.Value("name") ?? string.Empty;
        var team = input.Value("team_owner") is { Length: > 0 } owner ? owner : TsuruAuth.OnlyTeam(TsuruAuth.World(context), user);
        if (!TsuruAuth.CanUseTeam(user, team))
        {
            throw TsuruException.Forbidden();
        }

        if (existing is null && name.Length == 0)
        {
            throw TsuruException.BadRequest("webhook name must not be empty");
        }

        if (existing is null && !TsuruNames.IsValid(name))
        {
            throw TsuruException.BadRequest("Invalid webhook name, webhook name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        }

        var filter = WebhookFilters.ToDictionary(key => key, key => (object)input.Values($"event_filter.{key}"));
        filter["error_only"] = input.Flag("event_filter.error_only");
        filter["success_only"] = input.Flag("event_filter.success_only");
        var fields = new Dictionary<string, object>
        {
            ["name"] = name,
            ["description"] = input.Value("description") ?? string.Empty,
            ["team_owner"] = team,
            ["event_filter"] = filter,
            ["url"] = input.Value("url") ?? string.Empty,
            ["proxy_url"] = input.Value("proxy_url") ?? string.Empty,
            ["headers"] = input.Map("headers").ToDictionary(pair => pair.Key, pair => new[] { pair.Value }),
            ["method"] = input.Value("method") ?? string.Empty,
            ["body"] = input.Value("body") ?? string.Empty,
            ["insecure"] = input.Flag("insecure"),
        };
        return context.Foundation().Write(transaction =>
        {
            var found = transaction.Find<TsuruWebhook>(name) is not null;
            if (found == (existing is null))
            {
                return Results.StatusCode(found ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
            }

            transaction.Put(new TsuruWebhook(name, team, fields.ToImmutableSortedDictionary(StringComparer.Ordinal)));
            TsuruEvents.Record(transaction, existing is null ? "webhook.create" : "webhook.update", "webhook", name, user);
            return Results.Ok();
        });
    }

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex ObjectIdFormat();
}
