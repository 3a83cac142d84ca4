using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>A binding of a service instance: an app binding, a service key or a route binding.</summary>
public interface IServiceBinding : IResource
{
    string ServiceInstanceGuid { get; }

    LastOperation LastOperation { get; }
}

/// <summary>
/// What app bindings, keys and route bindings share with a registered broker: they all live under their instance's
/// <c>service_bindings</c> path (bind, unbind, last_operation, fetch); only what a finished bind keeps differs.
/// </summary>
public abstract class BindingBrokerFlow<TBinding> : IBrokerBacked
    where TBinding : class, IServiceBinding
{
    public abstract string ResourceType { get; }

    /// <summary>The binding with a new last operation.</summary>
    protected abstract TBinding WithOperation(TBinding binding, LastOperation operation, DateTimeOffset now);

    /// <summary>The binding after a successful bind: keeps what the broker answered (credentials, route service URL).</summary>
    protected abstract TBinding Bound(TBinding binding, JsonObject answer, LastOperation operation, DateTimeOffset now);

    public ServiceBroker? BrokerOf(World world, string guid) => Plan(world, guid)?.Broker;

    public void SetLastOperation(Transaction transaction, string guid, LastOperation operation)
    {
        if (transaction.Find<TBinding>(guid) is { } binding)
        {
            transaction.Put(WithOperation(binding, operation, transaction.Now));
        }
    }

    public void Complete(Transaction transaction, BrokerOperation operation, JsonObject answer)
    {
        if (transaction.Find<TBinding>(operation.Guid) is not { } binding)
        {
            return;
        }

        if (operation.Type == "delete")
        {
            transaction.Remove<TBinding>(binding.Guid);
            return;
        }

        var description = answer["description"]?.GetValueKind() == JsonValueKind.String ? answer["description"]!.GetValue<string>() : string.Empty;
        transaction.Put(Bound(binding, answer, new LastOperation("create", "succeeded", description, transaction.Now, transaction.Now), transaction.Now));
    }

    public BrokerCall LastOperationCall(World world, BrokerOperation operation)
    {
        var query = Plan(world, operation.Guid)!.IdsQuery + (operation.BrokerOperationId is { } id ? "&operation=" + Uri.EscapeDataString(id) : string.Empty);
        return new BrokerCall(BrokerCallKind.LastOperation, HttpMethod.Get, $"{PathOf(world, operation.Guid)}/last_operation?{query}");
    }

    public BrokerCall OrphanCall(World world, string guid) => Unbind(world, guid);

    public BrokerCall? FetchAfterCreate(World world, string guid) => Fetch(world, guid);

    /// <summary>The bind request: the plan's ids, the space context and what is bound (<paramref name="bindResource"/>).</summary>
    protected BrokerCall BindCall(World world, TBinding binding, ServiceInstance instance, BrokerPlan plan, JsonObject bindResource, JsonObject? parameters)
    {
        var body = plan.Body(new JsonObject
        {
            ["context"] = BrokerPlan.Context(world, instance.SpaceGuid, instance.Name),
            ["bind_resource"] = bindResource,
        });
        if (parameters is { Count: > 0 })
        {
            body["parameters"] = parameters.DeepClone();
        }

        return new BrokerCall(BrokerCallKind.Bind, HttpMethod.Put, $"/v2/service_instances/{instance.Guid}/service_bindings/{binding.Guid}?accepts_incomplete=true", body);
    }

    public BrokerCall Unbind(World world, string guid) =>
        new(BrokerCallKind.Unbind, HttpMethod.Delete, $"{PathOf(world, guid)}?{Plan(world, guid)!.IdsQuery}&accepts_incomplete=true");

    public BrokerCall Fetch(World world, string guid) => new(BrokerCallKind.Fetch, HttpMethod.Get, PathOf(world, guid));

    private static string PathOf(World world, string guid)
    {
        var binding = world.Find<TBinding>(guid)!;
        return $"/v2/service_instances/{binding.ServiceInstanceGuid}/service_bindings/{binding.Guid}";
    }

    private static BrokerPlan? Plan(World world, string guid) =>
        world.Find<TBinding>(guid) is { } binding ? BrokerPlan.Of(world, world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.ServicePlanGuid) : null;
}
