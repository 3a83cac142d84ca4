using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.ServiceInstances;

/// <summary>Provision, update and deprovision of managed instances against their registered broker.</summary>
public sealed class InstanceBrokerFlow(DeletionCascade cascade) : IBrokerBacked
{
    public string ResourceType => "service_instance";

    public ServiceBroker? BrokerOf(World world, string guid) => Plan(world, guid)?.Broker;

    public void SetLastOperation(Transaction transaction, string guid, LastOperation operation)
    {
        if (transaction.Find<ServiceInstance>(guid) is { } instance)
        {
            transaction.Put(instance with { LastOperation = operation, UpdatedAt = transaction.Now });
        }
    }

    public void Complete(Transaction transaction, BrokerOperation operation, JsonObject answer)
    {
        if (transaction.Find<ServiceInstance>(operation.Guid) is not { } instance)
        {
            return;
        }

        if (operation.Type == "delete")
        {
            cascade.Delete(transaction, instance);
            return;
        }

        transaction.Put(instance with
        {
            ServicePlanGuid = operation.PlanGuid ?? instance.ServicePlanGuid,
            ParametersJson = operation.ParametersJson ?? instance.ParametersJson,
            DashboardUrl = answer["dashboard_url"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? answer["dashboard_url"]!.GetValue<string>() : instance.DashboardUrl,
            LastOperation = new LastOperation(operation.Type, "succeeded", answer["description"]?.ToString() ?? string.Empty, transaction.Now, transaction.Now),
            UpdatedAt = transaction.Now,
        });
    }

    public BrokerCall LastOperationCall(World world, BrokerOperation operation)
    {
        var plan = Plan(world, operation.Guid)!;
        var query = plan.IdsQuery + (operation.BrokerOperationId is { } id ? "&operation=" + Uri.EscapeDataString(id) : string.Empty);
        return new BrokerCall(BrokerCallKind.LastOperation, HttpMethod.Get, $"/v2/service_instances/{operation.Guid}/last_operation?{query}");
    }

    public BrokerCall OrphanCall(World world, string guid) =>
        new(BrokerCallKind.Deprovision, HttpMethod.Delete, $"/v2/service_instances/{guid}?{Plan(world, guid)!.IdsQuery}&accepts_incomplete=true");

    public BrokerCall? FetchAfterCreate(World world, string guid) => null;

    public static BrokerCall Provision(World world, ServiceInstance instance, BrokerPlan plan, JsonObject? parameters)
    {
        var space = world.Find<Space>(instance.SpaceGuid);
        var body = plan.Body(new JsonObject
        {
            ["organization_guid"] = space?.OrganizationGuid,
            ["space_guid"] = instance.SpaceGuid,
            ["context"] = BrokerPlan.Context(world, instance.SpaceGuid, instance.Name),
            ["maintenance_info"] = new JsonObject { ["version"] = "1.0.0" },
        });
        if (parameters is { Count: > 0 })
        {
            body["parameters"] = parameters.DeepClone();
        }

        return new BrokerCall(BrokerCallKind.Provision, HttpMethod.Put, $"/v2/service_instances/{instance.Guid}?accepts_incomplete=true", body);
    }

    public static BrokerCall Update(World world, ServiceInstance instance, BrokerPlan current, BrokerPlan target, JsonObject? parameters)
    {
        var body = target.Body(new JsonObject
        {
            ["context"] = BrokerPlan.Context(world, instance.SpaceGuid, instance.Name),
            ["previous_values"] = new JsonObject
            {
                ["plan_id"] = current.Plan.CatalogId,
                ["service_id"] = current.Offering.CatalogId,
                ["organization_id"] = world.Find<Space>(instance.SpaceGuid)?.OrganizationGuid,
                ["space_id"] = instance.SpaceGuid,
            },
        });
        if (parameters is { Count: > 0 })
        {
            body["parameters"] = parameters.DeepClone();
        }

        return new BrokerCall(BrokerCallKind.Update, HttpMethod.Patch, $"/v2/service_instances/{instance.Guid}?accepts_incomplete=true", body);
    }

    public static BrokerCall Deprovision(ServiceInstance instance, BrokerPlan plan) =>
        new(BrokerCallKind.Deprovision, HttpMethod.Delete, $"/v2/service_instances/{instance.Guid}?{plan.IdsQuery}&accepts_incomplete=true");

    public static BrokerCall Fetch(ServiceInstance instance) =>
        new(BrokerCallKind.Fetch, HttpMethod.Get, $"/v2/service_instances/{instance.Guid}");

    private static BrokerPlan? Plan(World world, string guid) => BrokerPlan.Of(world, world.Find<ServiceInstance>(guid)?.ServicePlanGuid);
}
