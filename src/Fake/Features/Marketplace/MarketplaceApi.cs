using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>
/// Read side of the marketplace: service brokers, offerings and plans, each shown to who may see it
/// (<see cref="MarketplaceVisibility"/>). Public plans are seen by unauthenticated callers too unless the
/// <c>hide_marketplace_from_unauthenticated_users</c> flag is on.
/// </summary>
public sealed class MarketplaceApi : IFeatureModule
{
    private static readonly ListSpec BrokerSpec = new() { Filters = ["names", "space_guids"], OrderBy = ["created_at", "updated_at", "name"] };

    private static readonly ListSpec OfferingSpec = new()
    {
        Filters = ["names", "available", "broker_catalog_ids", "service_broker_guids", "service_broker_names", "space_guids", "organization_guids"],
        OrderBy = ["created_at", "updated_at", "name"],
        Fields = new Dictionary<string, IReadOnlyList<string>> { ["service_broker"] = ["guid", "name"] },
    };

    private static readonly ListSpec PlanSpec = new()
    {
        Filters = ["names", "available", "broker_catalog_ids", "space_guids", "organization_guids", "service_broker_guids", "service_broker_names", "service_offering_guids", "service_offering_names", "service_instance_guids"],
        OrderBy = ["created_at", "updated_at", "name"],
        Includes = ["service_offering", "space.organization"],
        Fields = new Dictionary<string, IReadOnlyList<string>> { ["service_offering.service_broker"] = ["guid", "name"] },
    };

    private static readonly ListSpec OneSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = ["service_offering", "space.organization"] };

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(MarketplaceSeed.Apply);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/service_brokers", ListBrokers);
        routes.MapGet("/v3/service_brokers/{guid}", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var broker = access.World.Find<ServiceBroker>(guid);
            return broker is not null && MarketplaceVisibility.CanSee(access, broker)
                ? CfResults.Ok(ServiceBrokerResponse.From(broker, cf.Urls))
                : throw CfErrors.NotFound("Service broker");
        });
        routes.MapGet("/v3/service_offerings", Offerings);
        routes.MapGet("/v3/service_offerings/{guid}", (string guid, CfContext cf) =>
        {
            RequireMarketplaceAccess(cf);
            var offering = cf.World.Find<ServiceOffering>(guid);
            return offering is not null && MarketplaceVisibility.CanSee(cf.World, CfAuthentication.OptionalCallerOf(cf.Http), offering)
                ? CfResults.Ok(ServiceOfferingResponse.From(offering, cf.Urls))
                : throw CfErrors.NotFound("Service offering");
        });
        routes.MapGet("/v3/service_plans", Plans);
        routes.MapGet("/v3/service_plans/{guid}", (string guid, CfContext cf) =>
        {
            RequireMarketplaceAccess(cf);
            var query = ListQuery.Parse(cf.Http.Request, OneSpec);
            var plan = cf.World.Find<ServicePlan>(guid);
            if (plan is null || !MarketplaceVisibility.CanSee(cf.World, CfAuthentication.OptionalCallerOf(cf.Http), plan))
            {
                throw CfErrors.NotFound("Service plan");
            }

            return CfResults.Ok(ServicePlanResponse.From(plan, cf.Urls), PlanIncludes(query, cf.World, [plan], cf.Urls));
        });
    }

    private static void RequireMarketplaceAccess(CfContext cf)
    {
        if (CfAuthentication.OptionalCallerOf(cf.Http) is null && FeatureFlag.IsEnabled(cf.World, "hide_marketplace_from_unauthenticated_users"))
        {
            _ = cf.Caller;
        }
    }

    private static IResult ListBrokers(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, BrokerSpec);
        var access = cf.Access();
        var brokers = query.Where(query.Standard(access.World.Of<ServiceBroker>()).Where(broker => MarketplaceVisibility.CanSee(access, broker)), "names", broker => broker.Name);
        return CfResults.Ok(query.Respond(brokers, broker => ServiceBrokerResponse.From(broker, cf.Urls), cf.Urls, "/v3/service_brokers",
            new Dictionary<string, Func<ServiceBroker, IComparable?>> { ["name"] = broker => broker.Name }));
    }

    private static IResult Offerings(CfContext cf)
    {
        RequireMarketplaceAccess(cf);
        var query = ListQuery.Parse(cf.Http.Request, OfferingSpec);
        var world = cf.World;
        var caller = CfAuthentication.OptionalCallerOf(cf.Http);
        var offerings = query.Standard(world.Of<ServiceOffering>()).Where(offering => MarketplaceVisibility.CanSee(world, caller, offering));
        offerings = query.Where(offerings, "names", offering => offering.Name);
        offerings = query.Where(offerings, "broker_catalog_ids", offering => offering.CatalogId);
        offerings = query.Where(offerings, "service_broker_guids", offering => offering.BrokerGuid);
        offerings = query.Where(offerings, "service_broker_names", offering => world.Find<ServiceBroker>(offering.BrokerGuid)?.Name);
        offerings = query.WhereFlag(offerings, "available", _ => true);
        var selected = offerings.ToList();
        var included = query.Fields.TryGetValue("service_broker", out var keys)
            ? new Dictionary<string, IReadOnlyList<object>> { ["service_brokers"] = BrokerFields(world, selected.Select(offering => offering.BrokerGuid), keys) }
            : null;
        return CfResults.Ok(query.Respond(selected, offering => ServiceOfferingResponse.From(offering, cf.Urls), cf.Urls, "/v3/service_offerings",
            new Dictionary<string, Func<ServiceOffering, IComparable?>> { ["name"] = offering => offering.Name }, included));
    }

    private static IResult Plans(CfContext cf)
    {
        RequireMarketplaceAccess(cf);
        var query = ListQuery.Parse(cf.Http.Request, PlanSpec);
        var world = cf.World;
        ServiceOffering? OfferingOf(ServicePlan plan) => world.Find<ServiceOffering>(plan.OfferingGuid);
        var caller = CfAuthentication.OptionalCallerOf(cf.Http);
        var plans = query.Standard(world.Of<ServicePlan>()).Where(plan => MarketplaceVisibility.CanSee(world, caller, plan));
        plans = query.Where(plans, "names", plan => plan.Name);
        plans = query.Where(plans, "broker_catalog_ids", plan => plan.CatalogId);
        plans = query.Where(plans, "service_offering_guids", plan => plan.OfferingGuid);
        plans = query.Where(plans, "service_offering_names", plan => OfferingOf(plan)?.Name);
        plans = query.Where(plans, "service_broker_guids", plan => OfferingOf(plan)?.BrokerGuid);
        plans = query.Where(plans, "service_broker_names", plan => world.Find<ServiceBroker>(OfferingOf(plan)?.BrokerGuid)?.Name);
        plans = query.WhereAny(plans, "service_instance_guids", plan => world.Of<ServiceInstance>().All.Where(instance => instance.ServicePlanGuid == plan.Guid).Select(instance => instance.Guid));
        plans = query.WhereFlag(plans, "available", _ => true);
        var selected = plans.ToList();
        return CfResults.Ok(query.Respond(selected, plan => ServicePlanResponse.From(plan, cf.Urls), cf.Urls, "/v3/service_plans",
            new Dictionary<string, Func<ServicePlan, IComparable?>> { ["name"] = plan => plan.Name }, PlanIncludes(query, world, selected, cf.Urls)));
    }

    private static Dictionary<string, IReadOnlyList<object>>? PlanIncludes(ListQuery query, World world, IReadOnlyCollection<ServicePlan> plans, CfUrls urls)
    {
        var offerings = plans.Select(plan => plan.OfferingGuid).Distinct().Select(world.Find<ServiceOffering>).OfType<ServiceOffering>().ToList();
        var included = new Dictionary<string, IReadOnlyList<object>>();
        if (query.IsIncluded("service_offering"))
        {
            included["service_offerings"] = [.. offerings.Select(offering => (object)ServiceOfferingResponse.From(offering, urls))];
        }

        if (query.Fields.TryGetValue("service_offering.service_broker", out var keys))
        {
            included["service_brokers"] = BrokerFields(world, offerings.Select(offering => offering.BrokerGuid), keys);
        }

        return included.Count == 0 ? null : included;
    }

    /// <summary>Brokers reduced to the requested <c>fields</c> keys.</summary>
    private static List<object> BrokerFields(World world, IEnumerable<string> guids, IReadOnlyList<string> keys) =>
        [.. guids.Distinct().Select(world.Find<ServiceBroker>).OfType<ServiceBroker>().Select(broker =>
        {
            var selected = new JsonObject();
            foreach (var key in keys)
            {
                selected[key] = key == "guid" ? broker.Guid : broker.Name;
            }

            return (object)selected;
        })];
}
