using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Binding service instances to apps (1.0 and 1.13 paths) and to jobs. An app bind adds the instance's variables and
/// <c>TSURU_SERVICES</c> to the app's environment and answers with the <c>x-json-stream</c> progress the server writes.
/// </summary>
public sealed class TsuruServiceBindsApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var (version, path) in new[] { ("1.0", "/services/{service}/instances/{instance}/{app}"), ("1.13", "/services/{service}/instances/{instance}/apps/{app}") })
        {
            TsuruRoutes.Map(routes, "PUT", version, path, BindAppAsync);
            TsuruRoutes.Map(routes, "DELETE", version, path, UnbindAppAsync);
        }

        TsuruRoutes.Map(routes, "PUT", "1.13", "/services/{service}/instances/{instance}/jobs/{job}", BindJob);
        TsuruRoutes.Map(routes, "DELETE", "1.13", "/services/{service}/instances/{instance}/jobs/{job}", UnbindJobAsync);
    }

    /// <summary>Unbinds an app inside a write and returns the progress messages (the instance delete's unbind-all uses it too).</summary>
    public static IReadOnlyList<string> UnbindApp(Transaction transaction, string service, string instance, string app, bool restart)
    {
        var current = TsuruServiceAccess.Instance(transaction.World, service, instance);
        if (!current.Apps.Contains(app))
        {
            throw TsuruException.BadRequest("app is not bound to this service instance");
        }

        transaction.Put(current with { Apps = current.Apps.Remove(app) });
        return [$"---- Unsetting {TsuruServiceEnvs.Of(current).Count} environment variables ----\n", .. Restart(transaction.World, app, restart)];
    }

    private static IEnumerable<string> Restart(World world, string app, bool restart) =>
        restart && world.Find<TsuruApp>(app) is { Units.Count: > 0 } ? [$"---- Restarting the app \"{app}\" ----\n"] : [];

    /// <summary>The app of a bind route: the server loads it before anything else, so a missing app is 404 first.</summary>
    private static TsuruApp App(HttpContext context, string app)
    {
        TsuruAuth.User(context);
        return TsuruAuth.World(context).Find<TsuruApp>(app) ?? throw TsuruException.NotFound($"App {app} not found.");
    }

    private static TsuruServiceInstance Bindable(HttpContext context, string service, string instance, TsuruApp app)
    {
        var current = TsuruServiceAccess.Used(context, service, instance);
        return TsuruAuth.CanSee(TsuruAuth.User(context), app) ? current : throw TsuruException.Forbidden();
    }

    private static async Task<IResult> BindAppAsync(string service, string instance, string app, HttpContext context)
    {
        var target = App(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        Bindable(context, service, instance, target);
        var foundation = context.Foundation();
        var messages = foundation.Write(transaction =>
        {
            var current = TsuruServiceAccess.Instance(transaction.World, service, instance);
            if (current.Apps.Contains(app))
            {
                throw TsuruException.BadRequest($"app is already bound to this service instance (\"{instance}\" is up)");
            }

            transaction.Put(current with { Apps = current.Apps.Add(app) });
            var variables = TsuruServiceEnvs.Of(current);
            List<string> output =
            [
                $"---- Setting {variables.Count + 1} new environment variables ----\n",
                .. Restart(transaction.World, app, !input.Flag("noRestart")),
                $"\nInstance \"{instance}\" is now bound to the app \"{app}\".\n",
                "The following environment variables are available for use in your app:\n\n",
                .. variables.Keys.Select(name => $"- {name}\n"),
                $"- {TsuruServiceEnvs.ServicesVariable}\n",
            ];
            return output;
        });
        return TsuruStream.Of(foundation.Clock.Now, [.. messages]);
    }

    private static async Task<IResult> UnbindAppAsync(string service, string instance, string app, HttpContext context)
    {
        var target = App(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var current = Bindable(context, service, instance, target);
        RequireForceAllowed(context, input, current);
        var foundation = context.Foundation();
        var messages = foundation.Write(transaction => UnbindApp(transaction, service, instance, app, !input.Flag("noRestart")));
        return TsuruStream.Of(foundation.Clock.Now, [.. messages, $"\nInstance \"{instance}\" is not bound to the app \"{app}\" anymore.\n"]);
    }

    /// <summary>A forced unbind ignores the service API's errors, so it needs the right to update the service itself.</summary>
    private static void RequireForceAllowed(HttpContext context, TsuruInput input, TsuruServiceInstance instance)
    {
        if (input.Flag("force"))
        {
            TsuruServiceAccess.Provisioned(context, instance.Service);
        }
    }

    private static IResult BindJob(string service, string instance, string job, HttpContext context)
    {
        TsuruServiceAccess.Used(context, service, instance);
        RequireJob(context, job);
        context.Foundation().Write(transaction =>
        {
            var current = TsuruServiceAccess.Instance(transaction.World, service, instance);
            if (current.Jobs.Contains(job))
            {
                throw TsuruException.BadRequest($"job is already bound to this service instance (\"{instance}\" is up)");
            }

            transaction.Put(current with { Jobs = current.Jobs.Add(job) });
        });
        return Results.Ok();
    }

    private static async Task<IResult> UnbindJobAsync(string service, string instance, string job, HttpContext context)
    {
        TsuruAuth.User(context);
        RequireJob(context, job);
        var input = await TsuruInput.ReadAsync(context.Request);
        var current = TsuruServiceAccess.Used(context, service, instance);
        RequireForceAllowed(context, input, current);
        var foundation = context.Foundation();
        foundation.Write(transaction =>
        {
            var fresh = TsuruServiceAccess.Instance(transaction.World, service, instance);
            if (!fresh.Jobs.Contains(job))
            {
                throw TsuruException.BadRequest("job is not bound to this service instance");
            }

            transaction.Put(fresh with { Jobs = fresh.Jobs.Remove(job) });
        });
        return TsuruStream.Of(foundation.Clock.Now, $"\nInstance \"{instance}\" is not bound to the job \"{job}\" anymore.\n");
    }

    private static void RequireJob(HttpContext context, string job)
    {
        if (TsuruAuth.World(context).Find<TsuruJob>(job) is null)
        {
            throw TsuruException.NotFound($"Job {job} not found.");
        }
    }
}
