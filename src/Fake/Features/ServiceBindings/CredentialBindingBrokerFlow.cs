using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>Binding apps and creating keys for instances of registered brokers (bind, unbind, last_operation, fetch).</summary>
public sealed class CredentialBindingBrokerFlow : IBrokerBacked
{
    public string ResourceType => "service_credential_binding";

    public ServiceBroker? BrokerOf(World world, string guid) => Plan(world, guid)?.Broker;

    public void SetLastOperation(Transaction transaction, string guid, LastOperation operation)
    {
        if (transaction.Find<CredentialBinding>(guid) is { } binding)
        {
            transaction.Put(binding with { LastOperation = operation, UpdatedAt = transaction.Now });
        }
    }

    public void Complete(Transaction transaction, BrokerOperation operation, JsonObject answer)
    {
        if (transaction.Find<CredentialBinding>(operation.Guid) is not { } binding)
        {
            return;
        }

        if (operation.Type == "delete")
        {
            transaction.Remove<CredentialBinding>(binding.Guid);
            return;
        }

        transaction.Put(binding with
        {
            CredentialsJson = (answer["credentials"] as JsonObject ?? []).ToJsonString(),
            LastOperation = new LastOperation("create", "succeeded", answer["description"]?.GetValueKind() == JsonValueKind.String ? answer["description"]!.GetValue<string>() : string.Empty, transaction.Now, transaction.Now),
            UpdatedAt = transaction.Now,
        });
    }

    public BrokerCall LastOperationCall(World world, BrokerOperation operation)
    {
        var query = Plan(world, operation.Guid)!.IdsQuery + (operation.BrokerOperationId is { } id ? "&operation=" + Uri.EscapeDataString(id) : string.Empty);
        return new BrokerCall(BrokerCallKind.LastOperation, HttpMethod.Get, $"{PathOf(world, operation.Guid)}/last_operation?{query}");
    }

    public BrokerCall OrphanCall(World world, string guid) => Unbind(world, world.Find<CredentialBinding>(guid)!);

    public BrokerCall? FetchAfterCreate(World world, string guid) => new(BrokerCallKind.Fetch, HttpMethod.Get, PathOf(world, guid));

    public static BrokerCall Bind(World world, CredentialBinding binding, ServiceInstance instance, BrokerPlan plan, JsonObject? parameters)
    {
        var body = plan.Body(new JsonObject
        {
            ["context"] = BrokerPlan.Context(world, instance.SpaceGuid, instance.Name),
            ["bind_resource"] = binding.AppGuid is null ? new JsonObject() : new JsonObject { ["app_guid"] = binding.AppGuid, ["space_guid"] = instance.SpaceGuid, ["app_annotations"] = new JsonObject() },
        });
        if (binding.AppGuid is not null)
        {
            body["app_guid"] = binding.AppGuid;
        }

        if (parameters is { Count: > 0 })
        {
            body["parameters"] = parameters.DeepClone();
        }

        return new BrokerCall(BrokerCallKind.Bind, HttpMethod.Put, $"/v2/service_instances/{instance.Guid}/service_bindings/{binding.Guid}?accepts_incomplete=true", body);
    }

    public static BrokerCall Unbind(World world, CredentialBinding binding) =>
        new(BrokerCallKind.Unbind, HttpMethod.Delete, $"{PathOf(world, binding.Guid)}?{Plan(world, binding.Guid)!.IdsQuery}&accepts_incomplete=true");

    public static BrokerCall Fetch(World world, CredentialBinding binding) => new(BrokerCallKind.Fetch, HttpMethod.Get, PathOf(world, binding.Guid));

    private static string PathOf(World world, string guid)
    {
        var binding = world.Find<CredentialBinding>(guid)!;
        return $"/v2/service_instances/{binding.ServiceInstanceGuid}/service_bindings/{binding.Guid}";
    }

    private static BrokerPlan? Plan(World world, string guid) =>
        world.Find<CredentialBinding>(guid) is { } binding ? BrokerPlan.Of(world, world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.ServicePlanGuid) : null;
}
