using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Routes;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>
/// <c>/v3/service_route_bindings</c>: routes bound to route services. User-provided instances bind at once (201, 204);
/// managed ones, whose offering requires <c>route_forwarding</c>, go through their broker behind a job (202).
/// </summary>
public sealed class RouteBindingsApi : IFeatureModule
{
    public const string BindOperation = "service_route_bindings.create";
    public const string UnbindOperation = "service_route_bindings.delete";

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["route_guids", "service_instance_guids", "service_instance_names"],
        Includes = ["route", "service_instance"],
    };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = ["route", "service_instance"] };

    public void AddServices(IServiceCollection services) => services.AddSingleton<RouteBindingBrokerFlow>();

    public void Map(IEndpointRouteBuilder routes)
    {
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        routes.ServiceProvider.GetRequiredService<JobQueue>().RegisterResource<RouteBinding>("service_route_binding");
        routes.ServiceProvider.GetRequiredService<BrokerOperations>().Register(routes.ServiceProvider.GetRequiredService<RouteBindingBrokerFlow>());
        cascade.OnDelete<ServiceInstance>((transaction, instance) => transaction.RemoveWhere<RouteBinding>(binding => binding.ServiceInstanceGuid == instance.Guid));
        cascade.OnDelete<Route>((transaction, route) => transaction.RemoveWhere<RouteBinding>(binding => binding.RouteGuid == route.Guid));

        routes.MapGet("/v3/service_route_bindings", List);
        routes.MapPost("/v3/service_route_bindings", Create);
        routes.MapGet("/v3/service_route_bindings/{guid}", Get);
        routes.MapPatch("/v3/service_route_bindings/{guid}", Update);
        routes.MapDelete("/v3/service_route_bindings/{guid}", Delete);
        routes.MapGet("/v3/service_route_bindings/{guid}/parameters", Parameters);
    }

    private static RouteBinding Visible(Access access, string guid) =>
        access.World.Find<RouteBinding>(guid) is { } binding && ServiceBindingsApi.CanRead(access, binding.ServiceInstanceGuid)
            ? binding
            : throw CfErrors.NotFound("Service route binding");

    private static string SpaceOf(World world, RouteBinding binding) => world.Find<Route>(binding.RouteGuid)?.SpaceGuid ?? string.Empty;

    private static async Task<IResult> List(CfContext cf, BrokerOperations brokers, RouteBindingBrokerFlow flow)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        await brokers.RefreshAllAsync(cf, flow);
        var access = cf.Access();
        var world = access.World;
        var bindings = query.Standard(world.Of<RouteBinding>()).Where(binding => ServiceBindingsApi.CanRead(access, binding.ServiceInstanceGuid));
        bindings = query.Where(bindings, "route_guids", binding => binding.RouteGuid);
        bindings = query.Where(bindings, "service_instance_guids", binding => binding.ServiceInstanceGuid);
        var selected = query.Where(bindings, "service_instance_names", binding => world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.Name).ToList();
        return CfResults.Ok(query.Respond(selected, binding => RouteBindingResponse.From(binding, cf.Urls), cf.Urls, "/v3/service_route_bindings",
            included: BindingIncludes.For(query, world, [], selected.Select(binding => binding.ServiceInstanceGuid), selected.Select(binding => binding.RouteGuid), cf.Urls)));
    }

    private static async Task<IResult> Get(string guid, CfContext cf, BrokerOperations brokers)
    {
        var query = ListQuery.Parse(cf.Http.Request, GetSpec);
        await brokers.RefreshAsync(cf, [guid]);
        var access = cf.Access();
        var binding = Visible(access, guid);
        return CfResults.Ok(RouteBindingResponse.From(binding, cf.Urls), BindingIncludes.For(query, access.World, [], [binding.ServiceInstanceGuid], [binding.RouteGuid], cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf, BrokerOperations brokers, RouteBindingBrokerFlow flow)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("relationships", "parameters", "metadata");
        var relationships = body.Object("relationships", required: true, notObjectMessage: "'relationships' is not an object");
        relationships?.AllowOnly("service_instance", "route");
        var instanceGuid = relationships?.ToOne("service_instance");
        var routeGuid = relationships?.ToOne("route");
        var parameters = body.Object("parameters")?.Json;
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var instance = access.World.Find<ServiceInstance>(instanceGuid);
        if (instance is null || !access.CanReadSpace(instance.SpaceGuid))
        {
            throw CfErrors.RelatedNotFound("service instance", instanceGuid);
        }

        access.Require(access.CanManageAppsInSpace(instance.SpaceGuid));
        var route = access.World.Find<Route>(routeGuid);
        if (route is null || !RoutesApi.CanRead(access, route))
        {
            throw CfErrors.RelatedNotFound("route", routeGuid);
        }

        var managed = instance.Type == ServiceInstance.Managed;
        if (!managed && parameters is not null)
        {
            throw CfErrors.Unprocessable("Binding parameters are not supported for user-provided service instances");
        }

        var plan = BrokerPlan.Of(access.World, instance.ServicePlanGuid);
        Validate(access.World, instance, plan, route);
        var binding = cf.Write(transaction =>
        {
            if (transaction.Find<ServiceInstance>(instance.Guid) is null)
            {
                throw CfErrors.RelatedNotFound("service instance", instanceGuid);
            }

            if (transaction.Find<Route>(route.Guid) is null)
            {
                throw CfErrors.RelatedNotFound("route", routeGuid);
            }

            if (transaction.Of<RouteBinding>().All.Any(existing => existing.RouteGuid == route.Guid && existing.ServiceInstanceGuid == instance.Guid))
            {
                throw new CfException(StatusCodes.Status422UnprocessableEntity, CfError.FromCatalogue("ServiceInstanceAlreadyBoundToSameRoute"));
            }

            if (transaction.Of<RouteBinding>().All.Any(existing => existing.RouteGuid == route.Guid))
            {
                throw CfErrors.Unprocessable("A route may only be bound to a single service instance");
            }

            return transaction.Put(new RouteBinding(transaction.NewGuid(), instance.Guid, route.Guid, managed ? null : instance.RouteServiceUrl,
                managed ? new LastOperation("create", "initial", null, transaction.Now, transaction.Now) : LastOperation.Succeeded("create", transaction.Now),
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
        });
        if (!managed)
        {
            return CfResults.Created(RouteBindingResponse.From(binding, cf.Urls));
        }

        var job = await brokers.StartAsync(cf, flow, binding.Guid, "create", BindOperation, "bind", flow.Bind(cf.World, binding, instance, plan!, route, parameters));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    /// <summary>Cloud Controller's checks before a route binding is created, in its order.</summary>
    private static void Validate(World world, ServiceInstance instance, BrokerPlan? plan, Route route)
    {
        var routeService = plan is null ? !string.IsNullOrEmpty(instance.RouteServiceUrl) : plan.Offering.Features.Requires.Contains("route_forwarding");
        if (!routeService)
        {
            throw CfErrors.Unprocessable("This service instance does not support route binding");
        }

        if (plan is { Offering.Features.Bindable: false })
        {
            throw CfErrors.Unprocessable("This service instance does not support binding");
        }

        if (world.Find<Domain>(route.DomainGuid) is { Internal: true })
        {
            throw CfErrors.Unprocessable("Route services cannot be bound to internal routes");
        }

        if (route.SpaceGuid != instance.SpaceGuid)
        {
            throw CfErrors.Unprocessable("The service instance and the route are in different spaces");
        }

        if (plan is not null && instance.LastOperation.State != "succeeded")
        {
            throw CfErrors.Unprocessable("There is an operation in progress for the service instance");
        }
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var binding = Visible(access, guid);
        access.Require(access.CanWriteToSpace(SpaceOf(access.World, binding)));
        if (binding.LastOperation is { Type: "delete", State: "in progress" })
        {
            throw CfErrors.Unprocessable("The service route binding is being deleted");
        }

        var updated = await MetadataPatch.ApplyAsync<RouteBinding>(cf, guid, "Service route binding", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
        return CfResults.Ok(RouteBindingResponse.From(updated, cf.Urls));
    }

    private static async Task<IResult> Delete(string guid, CfContext cf, BrokerOperations brokers, RouteBindingBrokerFlow flow)
    {
        var access = cf.Access();
        var binding = Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(SpaceOf(access.World, binding)));
        if (binding.LastOperation.State == "in progress")
        {
            throw CfErrors.Unprocessable("There is an operation in progress for the service binding.");
        }

        var instance = access.World.Find<ServiceInstance>(binding.ServiceInstanceGuid)!;
        if (instance.LastOperation.State == "in progress")
        {
            throw CfErrors.Unprocessable("There is an operation in progress for the service instance.");
        }

        if (instance.Type == ServiceInstance.Managed)
        {
            var job = await brokers.StartAsync(cf, flow, guid, "delete", UnbindOperation, "unbind", flow.Unbind(cf.World, guid));
            return CfResults.Job(cf.Urls, job.Guid);
        }

        cf.Write(transaction => transaction.Remove<RouteBinding>(guid));
        return CfResults.NoContent();
    }

    private static async Task<IResult> Parameters(string guid, CfContext cf, OsbapiClient client, RouteBindingBrokerFlow flow)
    {
        var access = cf.Access();
        var binding = Visible(access, guid);
        if (binding.LastOperation is not { Type: "create", State: "succeeded" })
        {
            var what = binding.LastOperation.Type == "create" ? "Creation" : "Deletion";
            throw CfException.FromCatalogue("ResourceNotFound", $"{what} of route binding {binding.LastOperation.State}");
        }

        access.Require(access.CanWriteToSpace(SpaceOf(access.World, binding)));
        var instance = access.World.Find<ServiceInstance>(binding.ServiceInstanceGuid)!;
        if (instance.Type == ServiceInstance.UserProvided)
        {
            throw CfException.FromCatalogue("BadRequest", "user provided service instances do not support fetching route bindings parameters.");
        }

        if (BrokerPlan.Of(access.World, instance.ServicePlanGuid) is not { Offering.Features.BindingsRetrievable: true } plan)
        {
            throw CfException.FromCatalogue("BadRequest", "this service does not support fetching route bindings parameters.");
        }

        var reply = await client.SendAsync(plan.Broker, flow.Fetch(access.World, guid), cf.Caller.UserGuid, cf.Http.RequestAborted);
        return reply.Error is { } error
            ? throw new CfException(StatusCodes.Status502BadGateway, error)
            : Results.Content((reply.Body["parameters"] as System.Text.Json.Nodes.JsonObject ?? []).ToJsonString(), "application/json");
    }
}
