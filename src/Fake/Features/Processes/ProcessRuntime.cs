using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Processes;

/// <summary>
/// The simulated runtime: starting an app starts each process's instances as STARTING, and the
/// "process_instances" lifecycle turns them RUNNING (or CRASHED when scripted to fail).
/// </summary>
public sealed class ProcessRuntime
{
    public const string Lifecycle = "process_instances";

    private readonly Lifecycles lifecycles;

    public ProcessRuntime(Lifecycles lifecycles)
    {
        this.lifecycles = lifecycles;
        lifecycles.Register(Lifecycle, Settle);
    }

    public static IEnumerable<Process> Of(World world, string appGuid) =>
        world.Of<Process>().All.Where(process => process.AppGuid == appGuid);

    public static Process CreateWeb(Transaction transaction, string appGuid) => transaction.Put(NewWeb(transaction, appGuid));

    /// <summary>A new app's web process (not yet put), drawing its GUIDs from the transaction.</summary>
    public static Process NewWeb(Transaction transaction, string appGuid) => new(
        transaction.NewGuid(), appGuid, Process.Web, null, 1, Process.DefaultMemoryInMb, Process.DefaultDiskInMb, Process.DefaultLogRateLimit,
        HealthCheck.Port, [], transaction.NewGuid(), ResourceMetadata.Empty, transaction.Now, transaction.Now);

    /// <summary>Makes sure every process type of a droplet has a process (new non-web types start at 0 instances).</summary>
    public static void EnsureTypes(Transaction transaction, string appGuid, IEnumerable<string> types)
    {
        var existing = Of(transaction.World, appGuid).Select(process => process.Type).ToHashSet(StringComparer.Ordinal);
        foreach (var type in types.Where(type => !existing.Contains(type)))
        {
            transaction.Put(new Process(
                transaction.NewGuid(), appGuid, type, null, type == Process.Web ? 1 : 0, Process.DefaultMemoryInMb, Process.DefaultDiskInMb,
                Process.DefaultLogRateLimit, type == Process.Web ? HealthCheck.Port : new HealthCheck("process", null, null, null), [],
                transaction.NewGuid(), ResourceMetadata.Empty, transaction.Now, transaction.Now));
        }
    }

    public void Start(Transaction transaction, App app)
    {
        foreach (var process in Of(transaction.World, app.Guid).ToList())
        {
            Launch(transaction, process with { InstanceStates = [] }, process.Instances);
        }
    }

    public static void Stop(Transaction transaction, App app)
    {
        foreach (var process in Of(transaction.World, app.Guid).ToList())
        {
            transaction.Remove<PendingTransition>(PendingTransition.KeyOf(Lifecycle, process.Guid));
            transaction.Put(process with { InstanceStates = [] });
        }
    }

    /// <summary>Applies a new instance count: extra instances start, surplus ones go away.</summary>
    public void Scale(Transaction transaction, Process process, int instances)
    {
        var app = transaction.Find<App>(process.AppGuid);
        var scaled = process with { Instances = instances, UpdatedAt = transaction.Now };
        if (app?.State != App.Started)
        {
            transaction.Put(scaled);
            return;
        }

        Launch(transaction, scaled with { InstanceStates = scaled.InstanceStates.Take(instances).ToImmutableList() }, instances);
    }

    /// <summary>Restarts one instance: it goes back to STARTING.</summary>
    public void Restart(Transaction transaction, Process process, int index)
    {
        var states = process.InstanceStates.SetItem(index, InstanceStates.Starting);
        transaction.Put(process with { InstanceStates = states });
        lifecycles.Begin(transaction, Lifecycle, process.Guid);
    }

    private void Launch(Transaction transaction, Process process, int instances)
    {
        var missing = instances - process.InstanceStates.Count;
        var states = missing > 0 ? process.InstanceStates.AddRange(Enumerable.Repeat(InstanceStates.Starting, missing)) : process.InstanceStates;
        transaction.Put(process with { InstanceStates = states });
        if (states.Contains(InstanceStates.Starting))
        {
            lifecycles.Begin(transaction, Lifecycle, process.Guid);
        }
    }

    private static void Settle(Transaction transaction, string processGuid, string? failure)
    {
        if (transaction.Find<Process>(processGuid) is not { } process)
        {
            return;
        }

        var final = failure is null ? InstanceStates.Running : InstanceStates.Crashed;
        transaction.Put(process with
        {
            InstanceStates = [.. process.InstanceStates.Select(state => state == InstanceStates.Starting ? final : state)],
        });
    }
}
