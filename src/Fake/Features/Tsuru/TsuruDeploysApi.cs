using System.Globalization;
using System.Text;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>One deploy (or build) of a Tsuru app: its event id, image, origin, who, and how it ended.</summary>
public sealed record TsuruDeploy(
    string Guid,
    string App,
    int Version,
    string Image,
    string Origin,
    string Message,
    string User,
    bool BuildOnly,
    string? Error,
    bool Running,
    DateTimeOffset Timestamp,
    DateTimeOffset? Finished) : IResource;

/// <summary>
/// Tsuru deploys: <c>POST /apps/{app}/deploy</c> and <c>/1.5/apps/{app}/build</c> (text output ending in OK),
/// rollback to an earlier image or version (<c>image</c> only, streamed as JSON messages), and the deploy list.
/// Deploys move through the <c>tsuru_deploy</c> lifecycle: the app's units start when it finishes, a scripted failure
/// ends the deploy with its error, and so does a cancel of its event asked while it was held.
/// </summary>
public sealed class TsuruDeploysApi : IFeatureModule
{
    public const string Lifecycle = "tsuru_deploy";

    /// <summary>How a deploy whose event was canceled ends: its context is canceled, and the deploy error wraps that.</summary>
    public const string CanceledError = "\n---- ERROR during deploy: ----\ncontext canceled\n";

    private static readonly string[] Sources = ["archive-url", "image", "dockerfile", "file"];
    private static readonly string[] Origins = ["app-deploy", "git", "rollback", "drag-and-drop", "image", "dockerfile", "build"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<Lifecycles>().Register(Lifecycle, Finish);
        foreach (var path in new[] { "/apps/{app}/deploy", "/apps/{app}/repository/clone" })
        {
            TsuruRoutes.Map(routes, "POST", "1.0", path, (string app, HttpContext context, Lifecycles lifecycles) => DeployAsync(app, context, lifecycles, build: false));
        }

        TsuruRoutes.Map(routes, "POST", "1.5", "/apps/{app}/build", (string app, HttpContext context, Lifecycles lifecycles) => DeployAsync(app, context, lifecycles, build: true));
        TsuruRoutes.Map(routes, "POST", "1.0", "/apps/{app}/deploy/rollback", RollbackAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/deploys", List);
        TsuruRoutes.Map(routes, "GET", "1.0", "/deploys/{deploy}", (string deploy, HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            var found = TsuruAuth.World(context).Find<TsuruDeploy>(deploy) ?? throw TsuruException.NotFound("Deploy not found.");
            return TsuruAuth.World(context).Find<TsuruApp>(found.App) is { } app && TsuruAuth.CanSee(user, app)
                ? TsuruJson.Json(Present(TsuruAuth.World(context), found))
                : throw TsuruException.NotFound("Deploy not found.");
        });
    }

    /// <summary>How many deploys an app has had (shown in app info).</summary>
    public static int CountFor(World world, string app) => world.Of<TsuruDeploy>().All.Count(deploy => deploy.App == app && !deploy.BuildOnly);

    private static void Finish(Transaction transaction, string guid, string? scripted)
    {
        if (transaction.Find<TsuruDeploy>(guid) is not { Running: true } deploy)
        {
            return;
        }

        var failure = TsuruEvents.CancelAsked(transaction.World, guid) ? CanceledError : scripted;

        transaction.Put(deploy with { Running = false, Error = failure, Finished = transaction.Now });
        TsuruEvents.Finish(transaction, guid, failure);
        if (failure is null && !deploy.BuildOnly && transaction.Find<TsuruApp>(deploy.App) is { } app)
        {
            var units = app.Units.Count == 0 ? [new TsuruUnit($"{app.Name}-web-{guid[..8]}", "web", "started")] : app.Units.Select(unit => unit with { Status = "started" }).ToList();
            transaction.Put(app with { Units = [.. units] });
        }
    }

    private static async Task<IResult> DeployAsync(string app, HttpContext context, Lifecycles lifecycles, bool build)
    {
        var user = TsuruAuth.User(context);
        var current = TsuruAuth.World(context).Find<TsuruApp>(app) ?? throw TsuruException.NotFound($"App {app} not found.");
        if (!TsuruAuth.CanSee(user, current))
        {
            throw TsuruException.Forbidden();
        }

        var input = await TsuruInput.ReadAsync(context.Request);
        var file = context.Request.HasFormContentType && (await context.Request.ReadFormAsync()).Files.GetFile("file") is not null;
        var given = Sources.Where(source => source == "file" ? file : input.Value(source) is { Length: > 0 }).ToList();
        if (given.Count == 0)
        {
            throw TsuruException.BadRequest("You must provide at least one of: \"archive-url\", \"dockerfile\", \"image\" or \"file\"");
        }

        if (given.Contains("image") && given.Count > 1)
        {
            throw TsuruException.BadRequest($"Cannot set \"image\" mutually with {string.Join(", ", given.Where(source => source != "image").Select(source => $"\"{source}\""))}");
        }

        var origin = input.Value("origin") ?? (given[0] == "image" ? "image" : "app-deploy");
        if (!Origins.Contains(origin))
        {
            throw TsuruException.BadRequest("Invalid deployment origin");
        }

        return Stream(context, lifecycles, current, user, given[0] == "image" ? input.Value("image")! : string.Empty, origin, input.Value("message") ?? string.Empty, build);
    }

    private static async Task<IResult> RollbackAsync(string app, HttpContext context, Lifecycles lifecycles)
    {
        var user = TsuruAuth.User(context);
        var current = TsuruAuth.World(context).Find<TsuruApp>(app) ?? throw TsuruException.NotFound($"App {app} not found.");
        var input = await TsuruInput.ReadAsync(context.Request);
        var target = input.Value("image") is { Length: > 0 } image ? image : throw TsuruException.BadRequest("you cannot rollback without an image name");
        var origin = input.Value("origin") is { Length: > 0 } given ? given : "rollback";
        if (!Origins.Contains(origin))
        {
            throw TsuruException.BadRequest("Invalid deployment origin");
        }

        var earlier = TsuruAuth.World(context).Of<TsuruDeploy>().All
            .LastOrDefault(deploy => deploy.App == app && deploy.Error is null && !TsuruAppVersionsApi.StateOf(TsuruAuth.World(context), app, deploy.Version).Removed && (deploy.Image == target || deploy.Version.ToString(CultureInfo.InvariantCulture) == target.TrimStart('v')))
            ?? throw TsuruException.BadRequest($"invalid version: \"{target}\"");
        if (TsuruAppVersionsApi.StateOf(TsuruAuth.World(context), app, earlier.Version) is { RollbackDisabled: true } disabled)
        {
            throw TsuruException.BadRequest($"the selected version is disabled for rollback: {disabled.DisabledReason}");
        }

        var deploy = Begin(context, lifecycles, current, user, earlier.Image, origin, input.Value("message") ?? string.Empty, build: false);
        var now = context.Foundation().Clock.Now;
        string[] messages = [$"---- Rolling back app \"{app}\" to image {earlier.Image} (version {deploy.Version}) ----\n"];
        return deploy.Error is { } error ? TsuruStream.Failed(now, error, messages) : TsuruStream.Of(now, [.. messages, "OK\n"]);
    }

    private static DeployOutput Stream(HttpContext context, Lifecycles lifecycles, TsuruApp app, TsuruUser user, string image, string origin, string message, bool build)
    {
        var deploy = Begin(context, lifecycles, app, user, image, origin, message, build);
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"---- {(build ? "Building" : "Deploying")} app \"{app.Name}\" version {deploy.Version} ----\n");
        output.Append(CultureInfo.InvariantCulture, $" ---> Image {deploy.Image}\n");
        output.Append(deploy.Error is { } error ? $"\n{error}\n" : "\nOK\n");
        return new DeployOutput(output.ToString());
    }

    /// <summary>Records a deploy of <paramref name="image"/> (a new image name when empty), runs its lifecycle and sets the event id header.</summary>
    public static TsuruDeploy Begin(HttpContext context, Lifecycles lifecycles, TsuruApp app, TsuruUser user, string image, string origin, string message, bool build)
    {
        var foundation = context.Foundation();
        var deploy = foundation.Write(transaction =>
        {
            var version = transaction.Of<TsuruDeploy>().All.Count(existing => existing.App == app.Name) + 1;
            var id = TsuruEvents.NewId(transaction);
            TsuruEvents.Record(transaction, build ? "app.build" : "app.deploy", "app", app.Name, user, running: true, id: id);
            var started = transaction.Put(new TsuruDeploy(
                id, app.Name, version, image.Length > 0 ? image : $"registry.tsuru.example.org/tsuru/app-{app.Name}:v{version}", origin, message, user.Email, build,
                null, true, transaction.Now, null));
            lifecycles.Begin(transaction, Lifecycle, started.Guid);
            return transaction.Find<TsuruDeploy>(started.Guid)!;
        });
        context.Response.Headers["X-Tsuru-Eventid"] = deploy.Guid;
        return deploy;
    }

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var app = context.Request.Query["app"].ToString();
        var deploys = world.Of<TsuruDeploy>().All
            .Where(deploy => app.Length == 0 || deploy.App == app)
            .Where(deploy => world.Find<TsuruApp>(deploy.App) is { } owner && TsuruAuth.CanSee(user, owner))
            .Reverse()
            .OrderByDescending(deploy => deploy.Timestamp)
            .Select(deploy => Present(world, deploy));
        return TsuruAccountsApi.List(deploys);
    }

    private static Dictionary<string, object?> Present(World world, TsuruDeploy deploy) => new()
    {
        ["ID"] = deploy.Guid,
        ["App"] = deploy.App,
        ["Timestamp"] = deploy.Timestamp,
        ["Duration"] = (long)((deploy.Finished ?? deploy.Timestamp) - deploy.Timestamp).TotalNanoseconds,
        ["Commit"] = string.Empty,
        ["Error"] = deploy.Error ?? string.Empty,
        ["Image"] = deploy.Image,
        ["Log"] = string.Empty,
        ["User"] = deploy.User,
        ["Origin"] = deploy.Origin,
        ["CanRollback"] = deploy.Error is null && !deploy.BuildOnly && !TsuruAppVersionsApi.StateOf(world, deploy.App, deploy.Version).RollbackDisabled,
        ["Message"] = deploy.Message,
        ["Running"] = deploy.Running,
    };

    /// <summary>The deploy's output with the server's bare <c>Content-Type: text</c> (not a valid media type, so set raw).</summary>
    private sealed class DeployOutput(string text) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.Headers.ContentType = "text";
            return httpContext.Response.WriteAsync(text);
        }
    }
}
