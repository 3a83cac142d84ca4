using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.ServiceInstances;

/// <summary>A service instance. User-provided instances carry their credentials, syslog drain and route service URL.</summary>
public sealed record ServiceInstance(
    string Guid,
    string Name,
    string Type,
    string SpaceGuid,
    string? ServicePlanGuid,
    string CredentialsJson,
    string? SyslogDrainUrl,
    string? RouteServiceUrl,
    ImmutableList<string> Tags,
    ImmutableSortedSet<string> SharedSpaceGuids,
    LastOperation LastOperation,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ParametersJson = null,
    string? DashboardUrl = null) : ILabelled
{
    public const string UserProvided = "user-provided";
    public const string Managed = "managed";

    public JsonNode Credentials => JsonNode.Parse(CredentialsJson)!;
}

/// <summary>The last operation of an instance or binding (<c>type</c> create/update/delete, <c>state</c> initial/in progress/succeeded/failed).</summary>
public sealed record LastOperation(string Type, string State, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static LastOperation Succeeded(string type, DateTimeOffset at) => new(type, "succeeded", "Operation succeeded", at, at);
}

public sealed record ServiceInstanceResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    LastOperation LastOperation,
    string Name,
    IReadOnlyList<string> Tags,
    string Type,
    object Relationships,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    /// <summary>The fields of the instance's type: broker fields for managed instances, drain and route service URLs for user-provided ones.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public IDictionary<string, object?> TypeFields { get; init; } = new Dictionary<string, object?>();

    public static ServiceInstanceResponse From(ServiceInstance instance, CfUrls urls)
    {
        var path = "/v3/service_instances/" + instance.Guid;
        var typeFields = instance.Type == ServiceInstance.Managed
            ? new Dictionary<string, object?>
            {
                ["maintenance_info"] = new { version = "1.0.0", description = "Initial version" },
                ["upgrade_available"] = false,
                ["dashboard_url"] = instance.DashboardUrl,
                ["broker_provided_metadata"] = new { },
            }
            : new Dictionary<string, object?> { ["syslog_drain_url"] = instance.SyslogDrainUrl, ["route_service_url"] = instance.RouteServiceUrl };
        return new ServiceInstanceResponse(
            instance.Guid, instance.CreatedAt, instance.UpdatedAt, instance.LastOperation, instance.Name, instance.Tags, instance.Type,
            RelationshipsOf(instance), MetadataResponse.From(instance.Metadata), LinksOf(instance, path, urls))
        { TypeFields = typeFields };
    }

    private static Dictionary<string, ToOne> RelationshipsOf(ServiceInstance instance)
    {
        var relationships = new Dictionary<string, ToOne>();
        if (instance.ServicePlanGuid is not null)
        {
            relationships["service_plan"] = new ToOne(instance.ServicePlanGuid);
        }

        relationships["space"] = new ToOne(instance.SpaceGuid);
        return relationships;
    }

    private static Dictionary<string, Link> LinksOf(ServiceInstance instance, string path, CfUrls urls)
    {
        var links = new Dictionary<string, Link> { ["self"] = urls.Link(path) };
        if (instance.ServicePlanGuid is not null)
        {
            links["service_plan"] = urls.Link("/v3/service_plans/" + instance.ServicePlanGuid);
            links["parameters"] = urls.Link(path + "/parameters");
        }

        links["space"] = urls.Link("/v3/spaces/" + instance.SpaceGuid);
        if (instance.Type == ServiceInstance.UserProvided)
        {
            links["credentials"] = urls.Link(path + "/credentials");
        }

        links["service_credential_bindings"] = urls.Link("/v3/service_credential_bindings?service_instance_guids=" + instance.Guid);
        links["service_route_bindings"] = urls.Link("/v3/service_route_bindings?service_instance_guids=" + instance.Guid);
        return links;
    }
}
