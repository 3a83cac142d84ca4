using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>A kind of resource whose changes go through a registered broker: service instances, credential bindings, route bindings.</summary>
public interface IBrokerBacked
{
    /// <summary>The job resource type, e.g. <c>service_instance</c>.</summary>
    string ResourceType { get; }

    /// <summary>The broker behind the resource, or null when it no longer exists.</summary>
    ServiceBroker? BrokerOf(World world, string guid);

    void SetLastOperation(Transaction transaction, string guid, LastOperation operation);

    /// <summary>Applies a finished operation: keeps what the broker answered, or removes the resource after a delete.</summary>
    void Complete(Transaction transaction, BrokerOperation operation, JsonObject answer);

    BrokerCall LastOperationCall(World world, BrokerOperation operation);

    /// <summary>The request that cleans up after a failed create (orphan mitigation).</summary>
    BrokerCall OrphanCall(World world, string guid);

    /// <summary>The request that fetches what an asynchronous create produced (binding credentials), if any.</summary>
    BrokerCall? FetchAfterCreate(World world, string guid);
}
