using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Jobs;

/// <summary>The work a job performs when it runs; throwing a <see cref="CfException"/> fails the job.</summary>
public delegate void JobWork(Transaction transaction, Job job);

/// <summary>
/// Starts asynchronous operations as jobs. The work is registered per operation name (e.g.
/// <c>organization.delete</c>) and runs when the "job" lifecycle finishes under the foundation's policy.
/// </summary>
public sealed class JobQueue
{
    public const string Lifecycle = "job";

    private readonly Dictionary<string, JobWork> work = new(StringComparer.Ordinal);
    private readonly Lifecycles lifecycles;

    public JobQueue(Lifecycles lifecycles)
    {
        this.lifecycles = lifecycles;
        lifecycles.Register(Lifecycle, Run);
    }

    private readonly Dictionary<string, Func<World, string, bool>> resourceLookups = new(StringComparer.Ordinal);

    public void Register(string operation, JobWork handler) => work[operation] = handler;

    /// <summary>Tells the job presenter how to check that a job's resource (of this type) still exists.</summary>
    public void RegisterResource<T>(string resourceType)
        where T : class, IResource => resourceLookups[resourceType] = (world, guid) => world.Of<T>().Contains(guid);

    public bool ResourceExists(World world, Job job) =>
        job.ResourceType is not null && job.ResourceGuid is not null &&
        resourceLookups.TryGetValue(job.ResourceType, out var exists) && exists(world, job.ResourceGuid);

    /// <summary>Creates a PROCESSING job and starts its lifecycle; <paramref name="prepare"/> stores the job's input first.</summary>
    public Job Enqueue(Transaction transaction, string operation, string? resourceType, string? resourceGuid, Action<Job>? prepare = null)
    {
        var job = transaction.Put(new Job(
            transaction.NewGuid(), operation, JobStates.Processing, resourceType, resourceGuid, [], [], transaction.Now, transaction.Now));
        prepare?.Invoke(job);
        lifecycles.Begin(transaction, Lifecycle, job.Guid);
        return transaction.Find<Job>(job.Guid)!;
    }

    /// <summary>Creates a PROCESSING job whose outcome its feature reports itself (<see cref="Complete"/>, <c>Fail</c>) instead of a lifecycle.</summary>
    public static Job Track(Transaction transaction, string operation, string resourceType, string resourceGuid) =>
        transaction.Put(new Job(transaction.NewGuid(), operation, JobStates.Processing, resourceType, resourceGuid, [], [], transaction.Now, transaction.Now));

    public static void Complete(Transaction transaction, string jobGuid) => Move(transaction, jobGuid, JobStates.Complete);

    /// <summary>Marks a job as waiting on a remote operation (Cloud Controller's POLLING state).</summary>
    public static void Polling(Transaction transaction, string jobGuid) => Move(transaction, jobGuid, JobStates.Polling);

    public static void Fail(Transaction transaction, string jobGuid, CfError error)
    {
        if (transaction.Find<Job>(jobGuid) is { } job)
        {
            Fail(transaction, job, error);
        }
    }

    private static void Move(Transaction transaction, string jobGuid, string state)
    {
        if (transaction.Find<Job>(jobGuid) is { } job)
        {
            transaction.Put(job with { State = state, UpdatedAt = transaction.Now });
        }
    }

    private void Run(Transaction transaction, string jobGuid, string? failure)
    {
        if (transaction.Find<Job>(jobGuid) is not { State: JobStates.Processing or JobStates.Polling } job)
        {
            return;
        }

        if (failure is not null)
        {
            Fail(transaction, job, new CfError(failure, "UnknownError", 10001));
            return;
        }

        var savepoint = transaction.World;
        try
        {
            if (work.TryGetValue(job.Operation, out var handler))
            {
                handler(transaction, job);
            }

            var current = transaction.Find<Job>(jobGuid) ?? job;
            transaction.Put(current with { State = JobStates.Complete, UpdatedAt = transaction.Now });
        }
        catch (CfException exception)
        {
            transaction.RollbackTo(savepoint);
            Fail(transaction, job, [.. exception.Errors]);
        }
    }

    private static void Fail(Transaction transaction, Job job, params CfError[] errors) =>
        transaction.Put(job with { State = JobStates.Failed, Errors = [.. errors], UpdatedAt = transaction.Now });
}
