using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Tasks;

namespace CloudFoundry.Fake.Features.UsageEvents;

/// <summary>
/// Derives usage events from what a change did to the world, as the Cloud Controller's repositories record them:
/// processes of an app that started, stopped or was scaled while started; tasks that started or ended; service
/// instances created, updated or deleted. Event guids are named by sequence so they never shift resource guids.
/// </summary>
public static class UsageRecorder
{
    public const string Started = "STARTED";
    public const string Stopped = "STOPPED";

    public static void Record(Transaction transaction, World before)
    {
        var after = transaction.World;
        RecordApps(transaction, before, after);
        RecordTasks(transaction, before, after);
        RecordServiceInstances(transaction, before, after);
    }

    /// <summary>Only apps whose record or processes this write changed can have events; the tables are not walked.</summary>
    private static void RecordApps(Transaction transaction, World before, World after)
    {
        var appChanges = transaction.Changes<App>(before, after);
        var processChanges = transaction.Changes<Process>(before, after);
        if (appChanges.Count == 0 && processChanges.Count == 0)
        {
            return;
        }

        var changedProcesses = processChanges
            .Select(change => change.After)
            .OfType<Process>()
            .ToLookup(process => process.AppGuid, StringComparer.Ordinal);
        var apps = appChanges.Select(change => change.After).OfType<App>().Select(app => app.Guid)
            .Union(changedProcesses.Select(group => group.Key), StringComparer.Ordinal)
            .Select(guid => after.Find<App>(guid))
            .OfType<App>()
            .OrderBy(app => after.Of<App>().PositionOf(app.Guid))
            .ToList();
        foreach (var app in apps)
        {
            var earlier = before.Find<App>(app.Guid);
            var started = app.State == App.Started && earlier?.State != App.Started;
            var stopped = app.State == App.Stopped && earlier?.State == App.Started;
            var processes = started || stopped ? ProcessRuntime.Of(after, app.Guid) : changedProcesses[app.Guid];
            foreach (var process in processes)
            {
                var previous = before.Find<Process>(process.Guid);
                if (started)
                {
                    AddApp(transaction, app, process, new Change<string>(Started, earlier?.State ?? Stopped), previous);
                }
                else if (stopped)
                {
                    AddApp(transaction, app, process, new Change<string>(Stopped, Started), previous);
                }
                else if (app.State == App.Started && previous is not null && (previous.Instances != process.Instances || previous.MemoryInMb != process.MemoryInMb))
                {
                    AddApp(transaction, app, process, new Change<string>(Started, Started), previous);
                }
            }
        }

        foreach (var gone in appChanges.Select(change => change.Before).OfType<App>().Where(app => app.State == App.Started && after.Find<App>(app.Guid) is null))
        {
            foreach (var process in ProcessRuntime.Of(before, gone.Guid))
            {
                AddApp(transaction, gone, process, new Change<string>(Stopped, Started), process, before);
            }
        }
    }

    private static void RecordTasks(Transaction transaction, World before, World after)
    {
        foreach (var task in transaction.Changes<AppTask>(before, after).Select(change => change.After).OfType<AppTask>())
        {
            var earlier = before.Find<AppTask>(task.Guid);
            if (earlier is null)
            {
                AddTask(transaction, task, "TASK_STARTED");
            }

            if (task.IsTerminal && earlier?.IsTerminal != true)
            {
                AddTask(transaction, task, "TASK_STOPPED");
            }
        }
    }

    private static void RecordServiceInstances(Transaction transaction, World before, World after)
    {
        var changes = transaction.Changes<ServiceInstance>(before, after);
        foreach (var instance in changes.Select(change => change.After).OfType<ServiceInstance>())
        {
            var earlier = before.Find<ServiceInstance>(instance.Guid);
            if (earlier is null || earlier.Name != instance.Name || earlier.ServicePlanGuid != instance.ServicePlanGuid)
            {
                AddService(transaction, instance, earlier is null ? "CREATED" : "UPDATED", after);
            }
        }

        foreach (var gone in changes.Select(change => change.Before).OfType<ServiceInstance>().Where(instance => after.Find<ServiceInstance>(instance.Guid) is null))
        {
            AddService(transaction, gone, "DELETED", before);
        }
    }

    /// <summary>Replaces all app usage events with a STARTED event per process of every started app.</summary>
    public static void ReseedApps(Transaction transaction)
    {
        transaction.RemoveWhere<AppUsageEvent>(_ => true);
        foreach (var app in transaction.Of<App>().All.Where(app => app.State == App.Started).ToList())
        {
            foreach (var process in ProcessRuntime.Of(transaction.World, app.Guid).ToList())
            {
                AddApp(transaction, app, process, new Change<string>(Started, null), null);
            }
        }
    }

    /// <summary>Replaces all service usage events with a CREATED event per existing instance.</summary>
    public static void ReseedServices(Transaction transaction)
    {
        transaction.RemoveWhere<ServiceUsageEvent>(_ => true);
        foreach (var instance in transaction.Of<ServiceInstance>().All.ToList())
        {
            AddService(transaction, instance, "CREATED", transaction.World);
        }
    }

    /// <summary>Event guids come from their own counter (purges must not reuse them, and resources' guids must not move).</summary>
    private static string NextGuid(Transaction transaction, string kind)
    {
        var counter = transaction.Setting(new UsageEventCounter(0));
        transaction.SetSetting(new UsageEventCounter(counter.Next + 1));
        return transaction.NamedGuid($"{kind}/{counter.Next}");
    }

    private static void AddApp(Transaction transaction, App app, Process process, Change<string> state, Process? previous, World? source = null)
    {
        var world = source ?? transaction.World;
        var space = world.Find<Space>(app.SpaceGuid);
        var droplet = world.Find<Droplet>(app.CurrentDropletGuid);
        var buildpack = droplet?.Buildpacks.FirstOrDefault();
        transaction.Put(new AppUsageEvent(
            NextGuid(transaction, "app_usage_event"),
            state,
            new Named(app.Guid, app.Name),
            new ProcessRef(process.Guid, process.Type),
            new Named(app.SpaceGuid, space?.Name),
            space?.OrganizationGuid,
            new Named(null, buildpack),
            new Named(null, null),
            new Change<int?>(process.MemoryInMb, previous?.MemoryInMb),
            new Change<int?>(state.Current == Stopped ? 0 : process.Instances, previous?.Instances),
            transaction.Now,
            transaction.Now));
    }

    private static void AddTask(Transaction transaction, AppTask task, string state)
    {
        var app = transaction.Find<App>(task.AppGuid);
        var space = transaction.Find<Space>(app?.SpaceGuid);
        transaction.Put(new AppUsageEvent(
            NextGuid(transaction, "app_usage_event"),
            new Change<string>(state, null),
            new Named(task.AppGuid, app?.Name),
            new ProcessRef(null, null),
            new Named(app?.SpaceGuid, space?.Name),
            space?.OrganizationGuid,
            new Named(null, null),
            new Named(task.Guid, task.Name),
            new Change<int?>(task.MemoryInMb, null),
            new Change<int?>(1, null),
            transaction.Now,
            transaction.Now));
    }

    private static void AddService(Transaction transaction, ServiceInstance instance, string state, World world)
    {
        var space = world.Find<Space>(instance.SpaceGuid);
        var plan = world.Find<ServicePlan>(instance.ServicePlanGuid);
        var offering = world.Find<ServiceOffering>(plan?.OfferingGuid);
        var broker = world.Find<ServiceBroker>(offering?.BrokerGuid);
        transaction.Put(new ServiceUsageEvent(
            NextGuid(transaction, "service_usage_event"),
            state,
            new Named(instance.SpaceGuid, space?.Name),
            space?.OrganizationGuid,
            new Named(instance.Guid, instance.Name),
            instance.Type == ServiceInstance.UserProvided ? "user_provided_service_instance" : "managed_service_instance",
            new Named(plan?.Guid, plan?.Name),
            new Named(offering?.Guid, offering?.Name),
            new Named(broker?.Guid, broker?.Name),
            transaction.Now,
            transaction.Now));
    }
}

/// <summary>How many usage events were ever recorded in a foundation.</summary>
public sealed record UsageEventCounter(long Next);
