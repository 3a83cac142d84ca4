using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>An app's unit quota (-1 is unlimited).</summary>
public sealed record TsuruAppQuota(string Guid, int Limit) : IResource;

/// <summary>One line of an app's log.</summary>
public sealed record TsuruLogLine(DateTimeOffset Date, string Message, string Source, string Unit);

/// <summary>The log lines of an app, oldest first.</summary>
public sealed record TsuruAppLog(string Guid, ImmutableList<TsuruLogLine> Lines) : IResource
{
    /// <summary>Adds lines at the end of the app's log.</summary>
    public static void Append(Transaction transaction, string app, IEnumerable<TsuruLogLine> lines)
    {
        var log = transaction.Find<TsuruAppLog>(app) ?? new TsuruAppLog(app, []);
        transaction.Put(log with { Lines = log.Lines.AddRange(lines) });
    }
}

/// <summary>
/// App team access (grant, revoke), unit quota, logs (read and append) and the two deprecated calls (unlock,
/// diff) that answer 410 as the server does.
/// </summary>
public sealed class TsuruAppAccessApi : IFeatureModule
{
    private const int DefaultLogLines = 10;

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "PUT", "1.0", "/apps/{app}/teams/{team}", (string app, string team, HttpContext context) => ChangeTeam(app, team, context, grant: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/apps/{app}/teams/{team}", (string app, string team, HttpContext context) => ChangeTeam(app, team, context, grant: false));
        TsuruRoutes.Map(routes, "GET", "1.0", "/apps/{app}/quota", (string app, HttpContext context) =>
        {
            var current = Visible(context, app);
            return TsuruJson.Json(new { limit = QuotaOf(TsuruAuth.World(context), app), inuse = current.Units.Count });
        });
        TsuruRoutes.Map(routes, "PUT", "1.0", "/apps/{app}/quota", SetQuotaAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/apps/{app}/log", ReadLog);
        TsuruRoutes.Map(routes, "GET", "1.8", "/apps/{app}/log-instance", ReadLog);
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/log", AppendLogAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/apps/{app}/lock", (HttpContext context) => Gone(context, "app unlock is deprecated, this call does nothing"));
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/diff", (HttpContext context) => Gone(context, "diff deploy is deprecated, this call does nothing"));
    }

    /// <summary>The app's unit quota (-1 when unlimited).</summary>
    public static int QuotaOf(World world, string app) => world.Find<TsuruAppQuota>(app)?.Limit ?? -1;

    private static TsuruApp Visible(HttpContext context, string name) => TsuruAppLookup.Visible(context, name);

    /// <summary>The server answers its deprecated calls with 410 before looking the app up.</summary>
    private static IResult Gone(HttpContext context, string message)
    {
        TsuruAuth.User(context);
        throw new TsuruException(StatusCodes.Status410Gone, message);
    }

    private static IResult ChangeTeam(string app, string team, HttpContext context, bool grant)
    {
        var current = Visible(context, app);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruTeam>(team) is null)
            {
                throw TsuruException.NotFound("Team not found");
            }

            if (grant && current.Teams.Contains(team))
            {
                throw TsuruException.Conflict("This team already has access to this app");
            }

            if (!grant && !current.Teams.Contains(team))
            {
                throw TsuruException.NotFound("This team does not have access to this app");
            }

            if (!grant && current.Teams.Count == 1)
            {
                throw new TsuruException(StatusCodes.Status403Forbidden, "You can not revoke the access from this team, because it is the unique team with access to the app, and an app can not be orphaned");
            }

            transaction.Put(current with { Teams = grant ? current.Teams.Add(team) : current.Teams.Remove(team) });
            TsuruEvents.Record(transaction, grant ? "app.update.grant" : "app.update.revoke", "app", app, TsuruAuth.User(context));
        });
        return Results.Ok();
    }

    private static async Task<IResult> SetQuotaAsync(string app, HttpContext context)
    {
        var current = Visible(context, app);
        if (!TsuruAuth.User(context).IsAdmin)
        {
            throw TsuruException.Forbidden();
        }

        var input = await TsuruInput.ReadAsync(context.Request);
        if (!int.TryParse(input.Value("limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            throw TsuruException.BadRequest("Invalid limit");
        }

        if (limit >= 0 && limit < current.Units.Count)
        {
            throw new TsuruException(StatusCodes.Status403Forbidden, $"New limit is lesser than the current allocated value: {current.Units.Count}");
        }

        context.Foundation().Write(transaction =>
        {
            transaction.Put(new TsuruAppQuota(app, limit));
            TsuruEvents.Record(transaction, "app.admin.quota", "app", app, TsuruAuth.User(context));
        });
        return Results.Ok();
    }

    /// <summary>
    /// The app's last log lines (<c>lines</c> is mandatory), filtered by <c>source</c> (or every other source with
    /// <c>invert-source</c>) and <c>unit</c>s, as the server encodes its <c>Applog</c> list.
    /// </summary>
    private static IResult ReadLog(string app, HttpContext context)
    {
        Visible(context, app);
        var query = context.Request.Query;
        if (query["lines"].ToString() is not { Length: > 0 } text)
        {
            throw TsuruException.BadRequest("Parameter \"lines\" is mandatory.");
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var lines))
        {
            throw TsuruException.BadRequest("Parameter \"lines\" must be an integer.");
        }

        var source = query["source"].ToString();
        var inverted = bool.TryParse(query["invert-source"], out var invert) && invert;
        var units = query["unit"].Where(unit => !string.IsNullOrEmpty(unit)).ToList();
        var selected = (TsuruAuth.World(context).Find<TsuruAppLog>(app)?.Lines ?? [])
            .Where(line => source.Length == 0 || (line.Source == source) != inverted)
            .Where(line => units.Count == 0 || units.Contains(line.Unit))
            .TakeLast(lines > 0 ? lines : DefaultLogLines)
            .Select(line => new { Date = TsuruEvents.Time(line.Date), line.Message, line.Source, Name = app, Type = "app", line.Unit });
        return Results.Text(JsonSerializer.Serialize(selected.ToList(), TsuruJson.Options) + "\n", "application/x-json-stream");
    }

    private static async Task<IResult> AppendLogAsync(string app, HttpContext context)
    {
        Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var messages = input.Values("message");
        var source = input.Value("source") is { Length: > 0 } given ? given : "app";
        var unit = input.Value("unit") ?? string.Empty;
        var foundation = context.Foundation();
        foundation.Write(transaction =>
            TsuruAppLog.Append(transaction, app, messages.Select(message => new TsuruLogLine(transaction.Now, message, source, unit))));
        return Results.Ok();
    }
}
