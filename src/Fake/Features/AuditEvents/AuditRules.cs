using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Deployments;
using CloudFoundry.Fake.Features.Packages;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.ServiceBindings;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.AuditEvents;

/// <summary>What a write request carried: the world before it, its route values and its JSON bodies.</summary>
public sealed record AuditInput(World World, RouteValueDictionary Route, JsonObject? Request, JsonObject? Response)
{
    public string RouteGuid => Route["guid"]?.ToString() ?? string.Empty;

    public string? ResponseGuid => Response?["guid"]?.GetValue<string>();

    public string? Related(JsonObject? body, string relationship) => body?["relationships"]?[relationship]?["data"]?["guid"]?.GetValue<string>();
}

/// <summary>One audited operation: route, the event type it records and the resource it targets (kind, guid).</summary>
public sealed record AuditRule(string Method, string Pattern, Func<AuditInput, string> Type, Func<AuditInput, (string Kind, string? Guid)> Target);

/// <summary>
/// The writes the fake audits, with the event types the Cloud Controller's event repositories record for them
/// (<c>audit.app.*</c>, <c>audit.space.*</c>, <c>audit.organization.*</c>, <c>audit.route.*</c>, service instances,
/// bindings and keys).
/// </summary>
public static class AuditRules
{
    public static readonly IReadOnlyList<AuditRule> All =
    [
        Rule("POST", "/v3/apps", "audit.app.create", input => ("app", input.ResponseGuid)),
        Rule("PATCH", "/v3/apps/{guid}", "audit.app.update", App),
        Rule("DELETE", "/v3/apps/{guid}", "audit.app.delete-request", App),
        Rule("POST", "/v3/apps/{guid}/actions/start", "audit.app.start", App),
        Rule("POST", "/v3/apps/{guid}/actions/stop", "audit.app.stop", App),
        Rule("POST", "/v3/apps/{guid}/actions/restart", "audit.app.restart", App),
        Rule("PATCH", "/v3/apps/{guid}/environment_variables", "audit.app.update", App),
        Rule("PATCH", "/v3/apps/{guid}/relationships/current_droplet", "audit.app.droplet.mapped", App),
        Rule("POST", "/v3/apps/{guid}/processes/{type}/actions/scale", "audit.app.process.scale", App),
        Rule("POST", "/v3/processes/{guid}/actions/scale", "audit.app.process.scale", input => ("app", input.World.Find<Process>(input.RouteGuid)?.AppGuid)),
        Rule("PATCH", "/v3/processes/{guid}", "audit.app.process.update", input => ("app", input.World.Find<Process>(input.RouteGuid)?.AppGuid)),
        Rule("DELETE", "/v3/apps/{guid}/processes/{type}/instances/{index}", "audit.app.process.terminate_instance", App),
        Rule("POST", "/v3/packages", "audit.app.package.create", input => ("app", input.Related(input.Request, "app"))),
        Rule("POST", "/v3/packages/{guid}/upload", "audit.app.package.upload", input => ("app", input.World.Find<Package>(input.RouteGuid)?.AppGuid)),
        Rule("POST", "/v3/builds", "audit.app.build.create", input => ("app", input.World.Find<Package>(input.Request?["package"]?["guid"]?.GetValue<string>() ?? string.Empty)?.AppGuid)),
        Rule("POST", "/v3/apps/{guid}/tasks", "audit.app.task.create", App),
        Rule("POST", "/v3/deployments", "audit.app.deployment.create", input => ("app", input.Related(input.Request, "app"))),
        Rule("POST", "/v3/deployments/{guid}/actions/cancel", "audit.app.deployment.cancel", input => ("app", input.World.Find<Deployment>(input.RouteGuid)?.AppGuid)),
        Rule("POST", "/v3/spaces", "audit.space.create", input => ("space", input.ResponseGuid)),
        Rule("PATCH", "/v3/spaces/{guid}", "audit.space.update", input => ("space", input.RouteGuid)),
        Rule("DELETE", "/v3/spaces/{guid}", "audit.space.delete-request", input => ("space", input.RouteGuid)),
        Rule("POST", "/v3/organizations", "audit.organization.create", input => ("organization", input.ResponseGuid)),
        Rule("PATCH", "/v3/organizations/{guid}", "audit.organization.update", input => ("organization", input.RouteGuid)),
        Rule("DELETE", "/v3/organizations/{guid}", "audit.organization.delete-request", input => ("organization", input.RouteGuid)),
        Rule("POST", "/v3/routes", "audit.route.create", input => ("route", input.ResponseGuid)),
        Rule("PATCH", "/v3/routes/{guid}", "audit.route.update", input => ("route", input.RouteGuid)),
        Rule("DELETE", "/v3/routes/{guid}", "audit.route.delete-request", input => ("route", input.RouteGuid)),
        new("POST", "/v3/service_instances", input => InstanceEvent(input.Request?["type"]?.GetValue<string>(), "create"), NewInstance),
        new("PATCH", "/v3/service_instances/{guid}", input => InstanceEvent(input.World.Find<ServiceInstance>(input.RouteGuid)?.Type, "update"), Instance),
        new("DELETE", "/v3/service_instances/{guid}", input => InstanceEvent(input.World.Find<ServiceInstance>(input.RouteGuid)?.Type, "delete"), Instance),
        new("POST", "/v3/service_credential_bindings", input => BindingEvent(input.Request?["type"]?.GetValue<string>(), "create"), input => ("service_binding", input.ResponseGuid ?? NewestBinding(input))),
        new("DELETE", "/v3/service_credential_bindings/{guid}", input => BindingEvent(input.World.Find<CredentialBinding>(input.RouteGuid)?.Type, "delete"), input => ("service_binding", input.RouteGuid)),
        Rule("POST", "/v3/service_route_bindings", "audit.service_route_binding.create", input => ("service_route_binding", input.ResponseGuid ?? input.World.Of<RouteBinding>().All.LastOrDefault()?.Guid)),
        Rule("DELETE", "/v3/service_route_bindings/{guid}", "audit.service_route_binding.delete", input => ("service_route_binding", input.RouteGuid)),
    ];

    private static AuditRule Rule(string method, string pattern, string type, Func<AuditInput, (string Kind, string? Guid)> target) => new(method, pattern, _ => type, target);

    private static (string Kind, string? Guid) App(AuditInput input) => ("app", input.RouteGuid);

    private static (string Kind, string? Guid) Instance(AuditInput input) => ("service_instance", input.RouteGuid);

    private static (string Kind, string? Guid) NewInstance(AuditInput input) =>
        ("service_instance", input.ResponseGuid ?? input.World.Of<ServiceInstance>().All.LastOrDefault(instance =>
            instance.Name == input.Request?["name"]?.GetValue<string>() && instance.SpaceGuid == input.Related(input.Request, "space"))?.Guid);

    private static string? NewestBinding(AuditInput input) => input.World.Of<CredentialBinding>().All.LastOrDefault()?.Guid;

    private static string InstanceEvent(string? type, string action) =>
        type == "user-provided" ? $"audit.user_provided_service_instance.{action}" : $"audit.service_instance.{action}";

    private static string BindingEvent(string? type, string action) =>
        type == "key" ? $"audit.service_key.{action}" : $"audit.service_binding.{action}";
}
