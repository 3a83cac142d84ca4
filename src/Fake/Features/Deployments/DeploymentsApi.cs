using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Revisions;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Deployments;

/// <summary>
/// Rolling and canary deployments: create (supersedes the app's active one, switches its droplet, restarts its web
/// instances), list, read, metadata, cancel (back to the previous droplet) and continue (next canary step).
/// </summary>
public sealed class DeploymentsApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { Filters = ["app_guids", "states", "status_reasons", "status_values"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        var provider = routes.ServiceProvider;
        provider.GetRequiredService<Lifecycles>().Register(Deployment.Lifecycle, Advance);
        provider.GetRequiredService<DeletionCascade>().OnDelete<App>((transaction, app) => transaction.RemoveWhere<Deployment>(deployment => deployment.AppGuid == app.Guid));

        routes.MapGet("/v3/deployments", List);
        routes.MapPost("/v3/deployments", Create);
        routes.MapGet("/v3/deployments/{guid}", Get);
        routes.MapPatch("/v3/deployments/{guid}", Update);
        routes.MapPost("/v3/deployments/{guid}/actions/cancel", Cancel);
        routes.MapPost("/v3/deployments/{guid}/actions/continue", Continue);
    }

    /// <summary>One step of a deployment: a canary pauses after each step, a rolling one finishes, a canceling one is canceled.</summary>
    private static void Advance(Transaction transaction, string guid, string? failure)
    {
        if (transaction.Find<Deployment>(guid) is not { IsActive: true } deployment)
        {
            return;
        }

        if (failure is not null)
        {
            RevertDroplet(transaction, deployment);
            transaction.Put(deployment.Moved(Deployment.Canceled, transaction.Now) with { Error = failure });
            return;
        }

        var next = deployment.Reason switch
        {
            Deployment.Canceling => Deployment.Canceled,
            Deployment.Deploying when deployment.Strategy == Deployment.Canary && deployment.CanaryStep <= CanarySteps(deployment) => Deployment.Paused,
            _ => Deployment.Deployed,
        };
        transaction.Put(deployment.Moved(next, transaction.Now));
    }

    private static int CanarySteps(Deployment deployment) => Math.Max(deployment.Options.CanarySteps.Count, 1);

    private static Deployment Visible(Access access, string guid) => AppOwned.Visible<Deployment>(access, guid, "Deployment");

    private static Deployment Manageable(Access access, string guid) => AppOwned.Manageable<Deployment>(access, guid, "Deployment");

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        var deployments = query.Standard(world.Of<Deployment>()).Where(deployment => world.Find<App>(deployment.AppGuid) is { } app && access.CanReadSpace(app.SpaceGuid));
        deployments = query.Where(deployments, "app_guids", deployment => deployment.AppGuid);
        deployments = query.Where(deployments, "states", deployment => deployment.State);
        deployments = query.Where(deployments, "status_reasons", deployment => deployment.Reason);
        deployments = query.Where(deployments, "status_values", deployment => deployment.StatusValue);
        return CfResults.Ok(query.Respond(deployments, deployment => DeploymentResponse.From(deployment, cf.Urls), cf.Urls, "/v3/deployments"));
    }

    private static IResult Get(string guid, CfContext cf, Lifecycles lifecycles)
    {
        Visible(cf.Access(), guid);
        lifecycles.PollIfPending(cf.Foundation, Deployment.Lifecycle, guid);

        return CfResults.Ok(DeploymentResponse.From(cf.World.Find<Deployment>(guid)!, cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf, Lifecycles lifecycles, ProcessRuntime runtime)
    {
        var access = cf.Access();
        var request = DeploymentRequest.Read(await RequestBody.ReadAsync(cf.Http.Request));
        var app = access.World.Find<App>(request.AppGuid);
        if (app is null || !access.CanManageAppsInSpace(app.SpaceGuid))
        {
            throw CfErrors.Unprocessable("Unable to use app. Ensure that the app exists and you have access to it.");
        }

        if (request.RevisionGuid is not null && !app.Features.GetValueOrDefault("revisions"))
        {
            throw CfErrors.Unprocessable("Cannot create deployment from a revision for an app without revisions enabled");
        }

        var deployment = cf.Write(transaction => Deploy(transaction, lifecycles, runtime, app.Guid, request));
        return CfResults.Created(DeploymentResponse.From(deployment, cf.Urls));
    }

    private static Deployment Deploy(Transaction transaction, Lifecycles lifecycles, ProcessRuntime runtime, string appGuid, DeploymentRequest request)
    {
        var app = transaction.Find<App>(appGuid) ?? throw CfErrors.Unprocessable("Unable to use app. Ensure that the app exists and you have access to it.");
        var rollbackTo = request.RevisionGuid is { } revisionGuid
            ? transaction.Find<Revision>(revisionGuid) is { } found && found.AppGuid == app.Guid ? found : throw CfErrors.Unprocessable("The revision does not exist")
            : null;
        var dropletGuid = rollbackTo?.DropletGuid ?? request.DropletGuid ?? app.CurrentDropletGuid
            ?? throw CfErrors.Unprocessable("Invalid droplet. Please specify a droplet in the request or set a current droplet for the app.");
        if (transaction.Find<Droplet>(dropletGuid) is not { State: "STAGED" } droplet || droplet.AppGuid != app.Guid)
        {
            throw CfErrors.Unprocessable("Unable to assign current droplet. Ensure the droplet exists and belongs to this app.");
        }

        foreach (var active in transaction.Of<Deployment>().All.Where(existing => existing.AppGuid == app.Guid && existing.IsActive).ToList())
        {
            transaction.Remove<PendingTransition>(PendingTransition.KeyOf(Deployment.Lifecycle, active.Guid));
            transaction.Put(active.Moved(Deployment.Superseded, transaction.Now));
        }

        var web = ProcessRuntime.Of(transaction.World, app.Guid).FirstOrDefault(process => process.Type == Process.Web);
        var options = request.Options(web);
        if (web is not null)
        {
            transaction.Put(web with
            {
                Instances = options.WebInstances,
                MemoryInMb = options.MemoryInMb ?? web.MemoryInMb,
                DiskInMb = options.DiskInMb ?? web.DiskInMb,
                LogRateLimitInBytesPerSecond = options.LogRateLimitInBytesPerSecond ?? web.LogRateLimitInBytesPerSecond,
                UpdatedAt = transaction.Now,
            });
        }

        var wasStopped = app.State != App.Started;
        var deployed = transaction.Put(app with
        {
            State = App.Started,
            CurrentDropletGuid = dropletGuid,
            EnvironmentVariables = rollbackTo?.EnvironmentVariables ?? app.EnvironmentVariables,
            UpdatedAt = transaction.Now,
        });
        ProcessRuntime.Stop(transaction, deployed);
        runtime.Start(transaction, deployed);
        var revision = RevisionHistory.Record(transaction, deployed, rollbackTo);
        var deployment = transaction.Put(new Deployment(
            transaction.NewGuid(), app.Guid, wasStopped ? Deployment.Deployed : Deployment.Deploying, request.Strategy, options, 1, dropletGuid,
            app.CurrentDropletGuid, web?.Guid ?? transaction.NewGuid(), revision?.Guid, revision?.Version, null, transaction.Now,
            ResourceMetadata.Empty.Apply(request.Metadata), transaction.Now, transaction.Now));
        if (!wasStopped)
        {
            lifecycles.Begin(transaction, Deployment.Lifecycle, deployment.Guid);
        }

        return transaction.Find<Deployment>(deployment.Guid)!;
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        access.Require(access.CanWriteToSpace(AppOwned.SpaceOf(access.World, Visible(access, guid))));
        var updated = await MetadataPatch.ApplyAsync<Deployment>(cf, guid, "Deployment", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
        return CfResults.Ok(DeploymentResponse.From(updated, cf.Urls));
    }

    private static IResult Cancel(string guid, CfContext cf, Lifecycles lifecycles)
    {
        Manageable(cf.Access(), guid);
        cf.Write(transaction =>
        {
            var deployment = transaction.Find<Deployment>(guid) ?? throw CfErrors.NotFound("Deployment");
            if (deployment.Reason is not (Deployment.Deploying or Deployment.Paused))
            {
                throw CfErrors.Unprocessable($"Cannot cancel a deployment with status: {deployment.StatusValue} and reason: {deployment.Reason}");
            }

            transaction.Remove<PendingTransition>(PendingTransition.KeyOf(Deployment.Lifecycle, guid));
            RevertDroplet(transaction, deployment);
            transaction.Put(deployment.Moved(Deployment.Canceling, transaction.Now));
            lifecycles.Begin(transaction, Deployment.Lifecycle, guid);
            return deployment;
        });
        return Results.Ok();
    }

    private static IResult Continue(string guid, CfContext cf, Lifecycles lifecycles)
    {
        Manageable(cf.Access(), guid);
        cf.Write(transaction =>
        {
            var deployment = transaction.Find<Deployment>(guid) ?? throw CfErrors.NotFound("Deployment");
            if (deployment.Reason != Deployment.Paused)
            {
                throw CfErrors.Unprocessable($"Cannot continue a deployment with status: {deployment.StatusValue} and reason: {deployment.Reason}");
            }

            transaction.Put(deployment.Moved(Deployment.Deploying, transaction.Now) with { CanaryStep = deployment.CanaryStep + 1 });
            lifecycles.Begin(transaction, Deployment.Lifecycle, guid);
            return deployment;
        });
        return Results.Ok();
    }

    private static void RevertDroplet(Transaction transaction, Deployment deployment)
    {
        if (deployment.PreviousDropletGuid is { } previous && transaction.Find<App>(deployment.AppGuid) is { } app)
        {
            transaction.Put(app with { CurrentDropletGuid = previous, UpdatedAt = transaction.Now });
        }
    }
}
