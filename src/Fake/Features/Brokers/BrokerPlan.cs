using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>A plan with its offering and broker, and the OSBAPI ids and context the platform sends for it.</summary>
public sealed record BrokerPlan(ServiceBroker Broker, ServiceOffering Offering, ServicePlan Plan)
{
    /// <summary>Brokers registered over HTTP; the seeded built-in broker answers inside the fake.</summary>
    public bool IsExternal => Broker.Username is not null;

    public static BrokerPlan? Of(World world, string? planGuid) =>
        world.Find<ServicePlan>(planGuid) is { } plan && world.Find<ServiceOffering>(plan.OfferingGuid) is { } offering && world.Find<ServiceBroker>(offering.BrokerGuid) is { } broker
            ? new BrokerPlan(broker, offering, plan)
            : null;

    /// <summary>The <c>service_id</c> and <c>plan_id</c> query of deprovision, unbind and last_operation requests.</summary>
    public string IdsQuery => $"service_id={Uri.EscapeDataString(Offering.CatalogId)}&plan_id={Uri.EscapeDataString(Plan.CatalogId)}";

    public JsonObject Body(JsonObject? extra = null)
    {
        var body = new JsonObject { ["service_id"] = Offering.CatalogId, ["plan_id"] = Plan.CatalogId };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }

    /// <summary>The Cloud Foundry context object of OSBAPI requests.</summary>
    public static JsonObject Context(World world, string spaceGuid, string? instanceName)
    {
        var space = world.Find<Space>(spaceGuid);
        var organization = world.Find<Organization>(space?.OrganizationGuid);
        var context = new JsonObject
        {
            ["platform"] = "cloudfoundry",
            ["organization_guid"] = organization?.Guid,
            ["space_guid"] = spaceGuid,
            ["organization_name"] = organization?.Name,
            ["space_name"] = space?.Name,
            ["organization_annotations"] = new JsonObject(),
            ["space_annotations"] = new JsonObject(),
        };
        if (instanceName is not null)
        {
            context["instance_name"] = instanceName;
            context["instance_annotations"] = new JsonObject();
        }

        return context;
    }
}
