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
    public static Dictionary<string, IReadOnlyList<object>>? Included(World world, IReadOnlyDictionary<string, IReadOnlyList<string>> fields, IReadOnlyCollection<ServiceInstance> instances)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        var plans = instances.Select(instance => world.Find<ServicePlan>(instance.ServicePlanGuid)).OfType<ServicePlan>().DistinctBy(plan => plan.Guid).ToList();
        var offerings = plans.Select(plan => world.Find<ServiceOffering>(plan.OfferingGuid)).OfType<ServiceOffering>().DistinctBy(offering => offering.Guid).ToList();
        var spaces = instances.Select(instance => world.Find<Space>(instance.SpaceGuid)).OfType<Space>().DistinctBy(space => space.Guid).ToList();
        var included = new Dictionary<string, IReadOnlyList<object>>();
        foreach (var (resource, keys) in fields)
        {
            switch (resource)
            {
                case "service_plan":
                    included["service_plans"] = Select(plans, keys, plan => plan.Guid, plan => plan.Name, "service_offering", plan => plan.OfferingGuid);
                    break;
                case "service_plan.service_offering":
                    included["service_offerings"] = Select(offerings, keys, offering => offering.Guid, offering => offering.Name, "service_broker", offering => offering.BrokerGuid);
                    break;
                case "service_plan.service_offering.service_broker":
                    included["service_brokers"] = Select(offerings.Select(offering => world.Find<ServiceBroker>(offering.BrokerGuid)).OfType<ServiceBroker>().DistinctBy(broker => broker.Guid), keys, broker => broker.Guid, broker => broker.Name, null, _ => null);
                    break;
                case "space":
                    included["spaces"] = Select(spaces, keys, space => space.Guid, space => space.Name, "organization", space => space.OrganizationGuid);
                    break;
                default:
                    included["organizations"] = Select(spaces.Select(space => world.Find<Organization>(space.OrganizationGuid)).OfType<Organization>().DistinctBy(org => org.Guid), keys, org => org.Guid, org => org.Name, null, _ => null);
                    break;
            }
        }

        return included;
    }

    private static List<object> Select<T>(IEnumerable<T> items, IReadOnlyList<string> keys, Func<T, string> guid, Func<T, string> name, string? parent, Func<T, string?> parentGuid) =>
        [.. items.Select(item =>
        {
            var selected = new JsonObject();
            foreach (var key in keys)
            {
                if (key == "guid")
                {
                    selected["guid"] = guid(item);
                }
                else if (key == "name")
                {
                    selected["name"] = name(item);
                }
                else if (parent is not null && key == "relationships." + parent)
                {
                    selected["relationships"] = new JsonObject { [parent] = new JsonObject { ["data"] = new JsonObject { ["guid"] = parentGuid(item) } } };
                }
            }

            return (object)selected;
        })];
}
