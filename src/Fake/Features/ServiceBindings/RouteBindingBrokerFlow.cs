using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.ServiceInstances;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>Binding routes to route services of registered brokers; a finished bind keeps the broker's <c>route_service_url</c>.</summary>
public sealed class RouteBindingBrokerFlow : BindingBrokerFlow<RouteBinding>
{
    public override string ResourceType => "service_route_binding";

    protected override RouteBinding WithOperation(RouteBinding binding, LastOperation operation, DateTimeOffset now) =>
        binding with { LastOperation = operation, UpdatedAt = now };

    protected override RouteBinding Bound(RouteBinding binding, JsonObject answer, LastOperation operation, DateTimeOffset now) => binding with
    {
        RouteServiceUrl = answer["route_service_url"]?.GetValueKind() == JsonValueKind.String ? answer["route_service_url"]!.GetValue<string>() : binding.RouteServiceUrl,
        LastOperation = operation,
        UpdatedAt = now,
    };

    public BrokerCall Bind(World world, RouteBinding binding, ServiceInstance instance, BrokerPlan plan, Route route, JsonObject? parameters) =>
        BindCall(world, binding, instance, plan, new JsonObject { ["route"] = route.Url(world.Find<Domain>(route.DomainGuid)!) }, parameters);
}
