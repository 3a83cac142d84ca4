using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Hosting;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>
/// A small OSBAPI v2 broker served by the fake itself under <c>/_fake/broker</c>, so <c>cf create-service-broker</c>
/// has something real to register without another process: offering <c>sample-db</c> with a synchronous plan
/// (<c>basic</c>) and an asynchronous one (<c>async</c>, one <c>in progress</c> answer before success), and the route
/// service <c>sample-route-service</c> (<c>requires: route_forwarding</c>). It stands
/// outside every foundation, as a real broker would, and keeps what it provisioned in memory.
/// </summary>
public sealed class SampleBrokerApi : IFeatureModule
{
    public const string Prefix = "/_fake/broker";
    private const string ServiceId = "sample-db-service";
    private const string AsyncPlanId = "sample-db-async";

    private readonly ConcurrentDictionary<string, JsonObject> resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> pollsLeft = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder routes)
    {
        var broker = routes.MapGroup(Prefix + "/v2").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal)
                ? await next(context)
                : Results.Json(new JsonObject { ["description"] = "basic authentication required" }, statusCode: StatusCodes.Status401Unauthorized));
        broker.MapGet("/catalog", () => Results.Json(Catalog()));
        broker.MapPut("/service_instances/{id}", (string id, JsonObject body) => Store(id, body, new JsonObject { ["dashboard_url"] = $"https://sample-db.example.com/{id}" }));
        broker.MapPatch("/service_instances/{id}", (string id, JsonObject body) => Store(id, body, [], StatusCodes.Status200OK));
        broker.MapGet("/service_instances/{id}", (string id) => Fetch(id));
        broker.MapDelete("/service_instances/{id}", (string id) => Remove(id));
        broker.MapGet("/service_instances/{id}/last_operation", (string id) => LastOperation(id));
        broker.MapPut("/service_instances/{id}/service_bindings/{binding}", (string id, string binding, JsonObject body) =>
            Store(binding, body, body["bind_resource"]?["route"] is null
                ? new JsonObject { ["credentials"] = Credentials(id, binding) }
                : new JsonObject { ["route_service_url"] = $"https://sample-route-service.example.com/{binding}" }));
        broker.MapGet("/service_instances/{id}/service_bindings/{binding}", (string id, string binding) =>
            resources.ContainsKey(binding) ? Fetch(binding, Credentials(id, binding)) : Fetch(binding));
        broker.MapDelete("/service_instances/{id}/service_bindings/{binding}", (string binding) => Remove(binding));
        broker.MapGet("/service_instances/{id}/service_bindings/{binding}/last_operation", (string binding) => LastOperation(binding));
    }

    private IResult Store(string id, JsonObject body, JsonObject answer, int status = StatusCodes.Status201Created)
    {
        resources[id] = body;
        if (body["plan_id"]?.ToString() != AsyncPlanId)
        {
            return Results.Json(answer, statusCode: status);
        }

        pollsLeft[id] = 1;
        return Results.Json(new JsonObject { ["operation"] = "sample-" + id }, statusCode: StatusCodes.Status202Accepted);
    }

    private IResult Fetch(string id, JsonObject? credentials = null)
    {
        if (!resources.TryGetValue(id, out var body))
        {
            return Results.Json(new JsonObject(), statusCode: StatusCodes.Status404NotFound);
        }

        var answer = new JsonObject
        {
            ["service_id"] = body["service_id"]?.DeepClone(),
            ["plan_id"] = body["plan_id"]?.DeepClone(),
            ["parameters"] = body["parameters"]?.DeepClone() ?? new JsonObject(),
        };
        if (credentials is not null)
        {
            answer["credentials"] = credentials;
        }

        return Results.Json(answer);
    }

    private IResult Remove(string id) =>
        resources.TryRemove(id, out _) ? Results.Json(new JsonObject()) : Results.Json(new JsonObject(), statusCode: StatusCodes.Status410Gone);

    private IResult LastOperation(string id)
    {
        if (pollsLeft.TryGetValue(id, out var left) && left > 0)
        {
            pollsLeft[id] = left - 1;
            return Results.Json(new JsonObject { ["state"] = "in progress", ["description"] = "provisioning the sample database" });
        }

        return Results.Json(new JsonObject { ["state"] = "succeeded", ["description"] = "ready" });
    }

    private static JsonObject Credentials(string instance, string binding)
    {
        var user = binding.Length > 8 ? binding[..8] : binding;
        return new JsonObject
        {
            ["uri"] = $"postgres://{user}:{binding}@{instance}.sample-db.example.com:5432/sample",
            ["username"] = user,
            ["password"] = binding,
        };
    }

    private static JsonObject Catalog() => new()
    {
        ["services"] = new JsonArray(new JsonObject
        {
            ["id"] = ServiceId,
            ["name"] = "sample-db",
            ["description"] = "A sample database from the fake's own OSBAPI broker",
            ["bindable"] = true,
            ["plan_updateable"] = true,
            ["instances_retrievable"] = true,
            ["bindings_retrievable"] = true,
            ["tags"] = new JsonArray("sample", "sql"),
            ["metadata"] = new JsonObject { ["shareable"] = true },
            ["plans"] = new JsonArray(
                new JsonObject { ["id"] = "sample-db-basic", ["name"] = "basic", ["description"] = "Provisioned at once", ["free"] = true },
                new JsonObject { ["id"] = AsyncPlanId, ["name"] = "async", ["description"] = "Provisioned asynchronously", ["free"] = true }),
        }, new JsonObject
        {
            ["id"] = "sample-route-service",
            ["name"] = "sample-route-service",
            ["description"] = "A sample route service from the fake's own OSBAPI broker",
            ["bindable"] = true,
            ["bindings_retrievable"] = true,
            ["requires"] = new JsonArray("route_forwarding"),
            ["tags"] = new JsonArray("sample", "route-service"),
            ["plans"] = new JsonArray(new JsonObject { ["id"] = "sample-route-service-standard", ["name"] = "standard", ["description"] = "Forwards every request", ["free"] = true }),
        }),
    };
}
