using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>
/// Runs instance and binding operations against registered brokers. The request is sent while the client's call is
/// served; an asynchronous answer leaves the job POLLING and the resource "in progress", and the broker's
/// <c>last_operation</c> is asked each time the client reads the job or the resource, as Cloud Controller's
/// polling job would between its retries.
/// </summary>
public sealed class BrokerOperations(OsbapiClient client) : IJobRefresher
{
    private readonly Dictionary<string, IBrokerBacked> kinds = new(StringComparer.Ordinal);

    public void Register(IBrokerBacked kind) => kinds[kind.ResourceType] = kind;

    /// <summary>
    /// Starts an operation: marks the resource, creates the job, sends <paramref name="call"/> and applies the answer.
    /// <paramref name="verb"/> names the operation in the job's error ("provision could not be completed: ...").
    /// </summary>
    public async Task<Job> StartAsync(CfContext cf, IBrokerBacked kind, string guid, string type, string jobOperation, string verb, BrokerCall call, string? planGuid = null, string? parametersJson = null)
    {
        var broker = kind.BrokerOf(cf.World, guid) ?? throw CfErrors.NotFound("Service broker");
        var job = cf.Write(transaction =>
        {
            kind.SetLastOperation(transaction, guid, new LastOperation(type, "in progress", null, transaction.Now, transaction.Now));
            return JobQueue.Track(transaction, jobOperation, kind.ResourceType, guid);
        });
        var reply = await client.SendAsync(broker, call, cf.Caller.UserGuid, cf.Http.RequestAborted);
        if (reply.Orphaned)
        {
            await client.SendAsync(broker, kind.OrphanCall(cf.World, guid), cf.Caller.UserGuid, cf.Http.RequestAborted);
        }

        var operation = new BrokerOperation(guid, kind.ResourceType, type, job.Guid, reply.Operation, planGuid, parametersJson);
        cf.Write(transaction => Apply(transaction, kind, operation, reply, verb));
        return job;
    }

    /// <summary>Asks the brokers for the state of the operations in flight on these resources.</summary>
    public async Task RefreshAsync(CfContext cf, IEnumerable<string> resourceGuids)
    {
        var pending = resourceGuids.Select(cf.World.Find<BrokerOperation>).OfType<BrokerOperation>().ToList();
        foreach (var operation in pending)
        {
            await PollAsync(cf, operation);
        }
    }

    /// <summary>Asks the brokers about every operation in flight on resources of one kind (before a list is read).</summary>
    public Task RefreshAllAsync(CfContext cf, IBrokerBacked kind) =>
        RefreshAsync(cf, [.. cf.World.Of<BrokerOperation>().All.Where(operation => operation.ResourceType == kind.ResourceType).Select(operation => operation.Guid)]);

    public Task RefreshJobAsync(CfContext cf, string jobGuid) =>
        cf.World.Of<BrokerOperation>().All.FirstOrDefault(operation => operation.JobGuid == jobGuid) is { } operation ? PollAsync(cf, operation) : Task.CompletedTask;

    private async Task PollAsync(CfContext cf, BrokerOperation operation)
    {
        if (!kinds.TryGetValue(operation.ResourceType, out var kind) || kind.BrokerOf(cf.World, operation.Guid) is not { } broker)
        {
            return;
        }

        var reply = await client.SendAsync(broker, kind.LastOperationCall(cf.World, operation), cf.Caller.UserGuid, cf.Http.RequestAborted);
        if (reply.Error is not null)
        {
            return;
        }

        if (reply.State == BrokerReply.Succeeded && operation.Type == "create" && kind.FetchAfterCreate(cf.World, operation.Guid) is { } fetch)
        {
            var fetched = await client.SendAsync(broker, fetch, cf.Caller.UserGuid, cf.Http.RequestAborted);
            reply = fetched.Error is null ? fetched : reply;
        }

        cf.Write(transaction =>
        {
            if (transaction.Find<BrokerOperation>(operation.Guid) == operation)
            {
                Apply(transaction, kind, operation, reply, operation.Type == "create" ? "create managed" : operation.Type);
            }
        });
    }

    private static void Apply(Transaction transaction, IBrokerBacked kind, BrokerOperation operation, BrokerReply reply, string verb)
    {
        transaction.Remove<BrokerOperation>(operation.Guid);
        if (reply.Error is not null || reply.State == BrokerReply.Failed)
        {
            var description = reply.Description ?? "Operation failed";
            kind.SetLastOperation(transaction, operation.Guid, new LastOperation(operation.Type, "failed", description, transaction.Now, transaction.Now));
            JobQueue.Fail(transaction, operation.JobGuid, CfError.FromCatalogue("UnableToPerform", verb, description));
            return;
        }

        if (reply.State == BrokerReply.InProgress)
        {
            kind.SetLastOperation(transaction, operation.Guid, new LastOperation(operation.Type, "in progress", reply.Description, transaction.Now, transaction.Now));
            transaction.Put(operation with { BrokerOperationId = reply.Operation ?? operation.BrokerOperationId });
            JobQueue.Polling(transaction, operation.JobGuid);
            return;
        }

        kind.Complete(transaction, operation, reply.Body);
        JobQueue.Complete(transaction, operation.JobGuid);
    }
}
