using System.Globalization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>What was changed on one deployed version of an app (keyed <c>app/version</c>).</summary>
public sealed record TsuruAppVersion(string Guid, string App, int Version, bool Removed, bool Routable, bool RollbackDisabled, string DisabledReason) : IResource;

/// <summary>
/// An app's deployed versions (the successful deploys): delete a version (<c>/1.10</c>), make one routable or not
/// (<c>/1.8/apps/{app}/routable</c>), disable or enable rolling back to an image (<c>/1.4/.../deploy/rollback/update</c>)
/// and rebuild the latest image (<c>/1.3/.../deploy/rebuild</c>, a new deploy streamed as JSON messages).
/// </summary>
public sealed class TsuruAppVersionsApi : IFeatureModule
{
    /// <summary>The server's <c>ErrNoVersionsAvailable</c> text.</summary>
    public const string NoVersions = "no versions available for app";

    private static readonly string[] RebuildOrigins = ["app-deploy", "git", "rollback", "drag-and-drop", "image", "rebuild"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "DELETE", "1.10", "/apps/{app}/versions/{version}", Delete);
        TsuruRoutes.Map(routes, "POST", "1.8", "/apps/{app}/routable", SetRoutableAsync);
        TsuruRoutes.Map(routes, "PUT", "1.4", "/apps/{app}/deploy/rollback/update", RollbackUpdateAsync);
        TsuruRoutes.Map(routes, "POST", "1.3", "/apps/{app}/deploy/rebuild", RebuildAsync);
    }

    /// <summary>The state of one version: what was recorded for it, else a routable, enabled version.</summary>
    public static TsuruAppVersion StateOf(World world, string app, int version) =>
        world.Find<TsuruAppVersion>(Key(app, version)) ?? new TsuruAppVersion(Key(app, version), app, version, false, true, false, string.Empty);

    /// <summary>The app's latest successful, not deleted deploy (not a build-only one), if any.</summary>
    public static TsuruDeploy? LatestSuccessful(World world, string app) =>
        world.Of<TsuruDeploy>().All.LastOrDefault(deploy => deploy.App == app && deploy.Error is null && !deploy.Running && !deploy.BuildOnly && !StateOf(world, app, deploy.Version).Removed);

    private static string Key(string app, int version) => $"{app}/{version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The successful, not deleted deploy whose image or version number (<c>v</c> optional) is <paramref name="imageOrVersion"/>.</summary>
    private static TsuruDeploy? Find(World world, string app, string imageOrVersion) =>
        world.Of<TsuruDeploy>().All.LastOrDefault(deploy => deploy.App == app && deploy.Error is null && !deploy.Running
            && (deploy.Image == imageOrVersion || deploy.Version.ToString(CultureInfo.InvariantCulture) == imageOrVersion.TrimStart('v'))
            && !StateOf(world, app, deploy.Version).Removed);

    private static TsuruDeploy Require(World world, string app, string imageOrVersion) =>
        Find(world, app, imageOrVersion) ?? throw TsuruException.BadRequest($"Invalid version: {imageOrVersion}");

    private static void Change(HttpContext context, string app, int version, Func<TsuruAppVersion, TsuruAppVersion> change) =>
        context.Foundation().Write(transaction => transaction.Put(change(StateOf(transaction.World, app, version))));

    private static IResult Delete(string app, string version, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        var now = context.Foundation().Clock.Now;
        string[] messages = [$"\n ---> Deleting version {version} of app {app}\n", $"---- Done removing application version {version}.\n"];
        if (Find(TsuruAuth.World(context), app, version) is not { } deploy)
        {
            return TsuruStream.Failed(now, $"Invalid version: {version}", messages);
        }

        Change(context, app, deploy.Version, state => state with { Removed = true });
        return TsuruStream.Of(now, messages);
    }

    private static async Task<IResult> SetRoutableAsync(string app, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        TsuruAppLookup.Visible(context, app);
        var deploy = Require(TsuruAuth.World(context), app, input.Value("version") ?? string.Empty);
        var routable = input.Flag("isRoutable");
        Change(context, app, deploy.Version, state => state with { Routable = routable });
        return Results.Ok();
    }

    private static async Task<IResult> RollbackUpdateAsync(string app, HttpContext context)
    {
        TsuruAppLookup.Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var image = input.Value("image") is { Length: > 0 } given ? given : throw TsuruException.BadRequest("you must specify an image");
        var text = input.Value("disable") ?? string.Empty;
        if (!TryParseGoBool(text, out var disable))
        {
            throw TsuruException.BadRequest($"Cannot set 'disable' status to: '{text}', instead of 'true' or 'false'");
        }

        var reason = input.Value("reason") ?? string.Empty;
        if (disable && reason.Length == 0)
        {
            throw TsuruException.BadRequest("Reason cannot be empty while disabling a image rollback");
        }

        var deploy = Require(TsuruAuth.World(context), app, image);
        Change(context, app, deploy.Version, state => state with { RollbackDisabled = disable, DisabledReason = reason });
        return Results.Ok();
    }

    private static async Task<IResult> RebuildAsync(string app, HttpContext context, Lifecycles lifecycles)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        if (!RebuildOrigins.Contains(input.Value("origin") ?? string.Empty))
        {
            throw TsuruException.BadRequest("Invalid deployment origin");
        }

        var latest = LatestSuccessful(TsuruAuth.World(context), app) ?? throw TsuruException.BadRequest(NoVersions);
        var deploy = TsuruDeploysApi.Begin(context, lifecycles, current, TsuruAuth.User(context), latest.Image, input.Value("origin")!, input.Value("message") ?? string.Empty, build: false);
        var now = context.Foundation().Clock.Now;
        string[] messages = [$"---- Rebuilding app \"{app}\" version {deploy.Version} from image {latest.Image} ----\n"];
        return deploy.Error is { } error ? TsuruStream.Failed(now, error, messages) : TsuruStream.Of(now, [.. messages, "OK\n"]);
    }

    private static bool TryParseGoBool(string text, out bool value)
    {
        value = text is "1" or "t" or "T" or "TRUE" or "true" or "True";
        return value || text is "0" or "f" or "F" or "FALSE" or "false" or "False";
    }
}
