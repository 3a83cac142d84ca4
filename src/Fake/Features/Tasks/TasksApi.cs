using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Tasks;

/// <summary>Tasks of apps: run (the "task" lifecycle finishes them), list, cancel (also the older <c>PUT .../cancel</c>).</summary>
public sealed class TasksApi : IFeatureModule
{
    public const string Lifecycle = "task";

    private static readonly ListSpec ListSpec = new() { Filters = ["names", "states", "app_guids", "space_guids", "organization_guids"] };

    private static readonly ListSpec AppListSpec = new() { Filters = ["names", "states", "sequence_ids"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        var provider = routes.ServiceProvider;
        provider.GetRequiredService<Lifecycles>().Register(Lifecycle, Finish);
        provider.GetRequiredService<DeletionCascade>().OnDelete<App>((transaction, app) => transaction.RemoveWhere<AppTask>(task => task.AppGuid == app.Guid));

        routes.MapGet("/v3/tasks", List);
        routes.MapGet("/v3/tasks/{guid}", (string guid, CfContext cf, Lifecycles lifecycles) =>
        {
            Visible(cf.Access(), guid);
            lifecycles.PollIfPending(cf.Foundation, Lifecycle, guid);
            return CfResults.Ok(TaskResponse.From(cf.World.Find<AppTask>(guid)!, cf.Urls));
        });
        routes.MapPatch("/v3/tasks/{guid}", Update);
        routes.MapPost("/v3/tasks/{guid}/actions/cancel", Cancel);
        routes.MapPut("/v3/tasks/{guid}/cancel", Cancel);
        routes.MapPost("/v3/apps/{guid}/tasks", Create);
        routes.MapGet("/v3/apps/{guid}/tasks", AppTasks);
    }

    private static void Finish(Transaction transaction, string guid, string? failure)
    {
        if (transaction.Find<AppTask>(guid) is not { IsTerminal: false } task)
        {
            return;
        }

        var failed = failure is not null || task.State == AppTask.Canceling;
        transaction.Put(task with
        {
            State = failed ? AppTask.Failed : AppTask.Succeeded,
            FailureReason = task.State == AppTask.Canceling ? AppTask.CancelledReason : failure,
            UpdatedAt = transaction.Now,
        });
    }

    private static string SpaceOf(World world, AppTask task) => AppOwned.SpaceOf(world, task);

    private static AppTask Visible(Access access, string guid) => AppOwned.Visible<AppTask>(access, guid, "Task");

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        var tasks = query.Standard(world.Of<AppTask>()).Where(task => access.CanReadSpace(SpaceOf(world, task)));
        tasks = query.Where(query.Where(tasks, "names", task => task.Name), "states", task => task.State);
        tasks = query.Where(tasks, "app_guids", task => task.AppGuid);
        tasks = query.Where(tasks, "space_guids", task => SpaceOf(world, task));
        tasks = query.Where(tasks, "organization_guids", task => world.Find<Space>(SpaceOf(world, task))?.OrganizationGuid);
        return CfResults.Ok(query.Respond(tasks, task => TaskResponse.From(task, cf.Urls), cf.Urls, "/v3/tasks"));
    }

    private static IResult AppTasks(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, AppListSpec);
        var app = AppsApi.Visible(cf.Access(), guid);
        var tasks = query.Standard(cf.World.Of<AppTask>()).Where(task => task.AppGuid == app.Guid);
        tasks = query.Where(query.Where(tasks, "names", task => task.Name), "states", task => task.State);
        tasks = query.Where(tasks, "sequence_ids", task => task.SequenceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return CfResults.Ok(query.Respond(tasks, task => TaskResponse.From(task, cf.Urls), cf.Urls, $"/v3/apps/{guid}/tasks"));
    }

    private static async Task<IResult> Create(string guid, CfContext cf, Lifecycles lifecycles)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        if (!access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "task_creation"))
        {
            throw CfErrors.FeatureDisabled("task_creation");
        }

        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("command", "name", "user", "disk_in_mb", "memory_in_mb", "log_rate_limit_per_second", "droplet_guid", "template", "metadata");
        var command = body.String("command", maxLength: 4096);
        var name = body.String("name");
        var memory = body.Integer("memory_in_mb", min: 1);
        var disk = body.Integer("disk_in_mb", min: 1);
        var logRate = body.Integer("log_rate_limit_per_second", min: -1);
        var dropletGuid = body.String("droplet_guid");
        var templateProcess = body.Object("template")?.Object("process")?.String("guid");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var template = templateProcess is null ? null : access.World.Find<Process>(templateProcess);
        if (command is null && template is null)
        {
            throw CfErrors.Unprocessable("The request is semantically invalid: command presence");
        }

        var droplet = dropletGuid ?? app.CurrentDropletGuid ?? throw CfErrors.Unprocessable("Task must have a droplet. Assign current droplet to app.");
        var task = cf.Write(transaction =>
        {
            var sequence = transaction.Of<AppTask>().All.Count(existing => existing.AppGuid == app.Guid) + 1;
            var taskGuid = transaction.NewGuid();
            var created = transaction.Put(new AppTask(
                taskGuid, app.Guid, sequence, name ?? taskGuid[..8],
                command ?? template!.Command ?? string.Empty, AppTask.Running, null,
                (int?)memory ?? template?.MemoryInMb ?? Process.DefaultMemoryInMb, (int?)disk ?? template?.DiskInMb ?? Process.DefaultDiskInMb,
                logRate ?? Process.DefaultLogRateLimit, droplet, ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
            lifecycles.Begin(transaction, Lifecycle, created.Guid);
            return transaction.Find<AppTask>(created.Guid)!;
        });
        return CfResults.Accepted(TaskResponse.From(task, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var task = Visible(access, guid);
        access.Require(access.CanWriteToSpace(SpaceOf(access.World, task)));
        var updated = await MetadataPatch.ApplyAsync<AppTask>(cf, guid, "Task", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
        return CfResults.Ok(TaskResponse.From(updated, cf.Urls));
    }

    private static IResult Cancel(string guid, CfContext cf, Lifecycles lifecycles)
    {
        var access = cf.Access();
        var task = Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(SpaceOf(access.World, task)));
        var canceled = cf.Write(transaction =>
        {
            var current = transaction.Find<AppTask>(guid) ?? throw CfErrors.NotFound("Task");
            if (current.IsTerminal)
            {
                throw CfErrors.Unprocessable($"Task state is {current.State} and therefore cannot be canceled");
            }

            transaction.Remove<PendingTransition>(PendingTransition.KeyOf(Lifecycle, guid));
            transaction.Put(current with { State = AppTask.Canceling, UpdatedAt = transaction.Now });
            lifecycles.Begin(transaction, Lifecycle, guid);
            return transaction.Find<AppTask>(guid)!;
        });
        return CfResults.Accepted(TaskResponse.From(canceled, cf.Urls));
    }
}
