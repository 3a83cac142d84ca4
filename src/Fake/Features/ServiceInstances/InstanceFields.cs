using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;

namespace CloudFoundry.Fake.Features.ServiceInstances;

/// <summary>
/// <c>fields[...]</c> on service instance lists: selected keys of the related space, organization, plan, offering and
/// broker, returned under <c>included</c> (the cf CLI's <c>cf services</c> reads offering and plan names this way).
/// </summary>
public static class InstanceFields
{
    /// <summary>The included resources; <paramref name="spaces"/> replaces the instances' own spaces (the shared spaces of an instance).</summary>
    public static Dictionary<string, IReadOnlyList<object>>? Included(
        World world, IReadOnlyDictionary<string, IReadOnlyList<string>> fields, IReadOnlyCollection<ServiceInstance> instances, IEnumerable<Space>? spaces = null)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        var plans = instances.Select(instance => world.Find<ServicePlan>(instance.ServicePlanGuid)).OfType<ServicePlan>().DistinctBy(plan => plan.Guid).ToList();
        var offerings = plans.Select(plan => world.Find<ServiceOffering>(plan.OfferingGuid)).OfType<ServiceOffering>().DistinctBy(offering => offering.Guid).ToList();
        spaces = (spaces ?? instances.Select(instance => world.Find<Space>(instance.SpaceGuid)).OfType<Space>()).DistinctBy(space => space.Guid).ToList();
        var included = new Dictionary<string, IReadOnlyList<object>>();
        foreach (var (resource, keys) in fields)
        {
            switch (resource)
            {
                case "service_plan":
                    included["service_plans"] = Select(plans, keys, (plan, key) => key switch
                    {
                        "guid" => plan.Guid,
                        "name" => plan.Name,
                        "relationships.service_offering" => Relationship("service_offering", plan.OfferingGuid),
                        _ => null,
                    });
                    break;
                case "service_plan.service_offering":
                    included["service_offerings"] = Select(offerings, keys, (offering, key) => key switch
                    {
                        "guid" => offering.Guid,
                        "name" => offering.Name,
                        "description" => offering.Description,
                        "documentation_url" => null,
                        "tags" => new JsonArray([.. offering.Tags.Select(tag => (JsonNode?)tag)]),
                        "relationships.service_broker" => Relationship("service_broker", offering.BrokerGuid),
                        _ => null,
                    });
                    break;
                case "service_plan.service_offering.service_broker":
                    included["service_brokers"] = Select(offerings.Select(offering => world.Find<ServiceBroker>(offering.BrokerGuid)).OfType<ServiceBroker>().DistinctBy(broker => broker.Guid), keys, (broker, key) => Named(broker.Guid, broker.Name, key));
                    break;
                case "space":
                    included["spaces"] = Select(spaces, keys, (space, key) => key == "relationships.organization" ? Relationship("organization", space.OrganizationGuid) : Named(space.Guid, space.Name, key));
                    break;
                default:
                    included["organizations"] = Select(spaces.Select(space => world.Find<Organization>(space.OrganizationGuid)).OfType<Organization>().DistinctBy(org => org.Guid), keys, (org, key) => Named(org.Guid, org.Name, key));
                    break;
            }
        }

        return included;
    }

    private static JsonNode? Named(string guid, string name, string key) => key switch
    {
        "guid" => guid,
        "name" => name,
        _ => null,
    };

    private static JsonObject Relationship(string name, string guid) => new() { [name] = new JsonObject { ["data"] = new JsonObject { ["guid"] = guid } } };

    /// <summary>The requested keys of each item; a <c>relationships.x</c> key lands under <c>relationships</c>.</summary>
    private static List<object> Select<T>(IEnumerable<T> items, IReadOnlyList<string> keys, Func<T, string, JsonNode?> field) =>
        [.. items.Select(item =>
        {
            var selected = new JsonObject();
            foreach (var key in keys)
            {
                var value = field(item, key);
                if (key.StartsWith("relationships.", StringComparison.Ordinal))
                {
                    selected["relationships"] = value;
                }
                else if (value is not null || key == "documentation_url")
                {
                    selected[key] = value;
                }
            }

            return (object)selected;
        })];
}
