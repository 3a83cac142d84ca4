using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>A credential binding: an app binding (<c>type</c> app) or a service key (<c>type</c> key).</summary>
public sealed record CredentialBinding(
    string Guid,
    string Type,
    string? Name,
    string ServiceInstanceGuid,
    string? AppGuid,
    LastOperation LastOperation,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CredentialsJson = null,
    string? ParametersJson = null) : ILabelled, IServiceBinding;

/// <summary>A route bound to a route service.</summary>
public sealed record RouteBinding(
    string Guid,
    string ServiceInstanceGuid,
    string RouteGuid,
    string? RouteServiceUrl,
    LastOperation LastOperation,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IServiceBinding;

public sealed record CredentialBindingResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Name,
    string Type,
    LastOperation LastOperation,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, ToOne> Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static CredentialBindingResponse From(CredentialBinding binding, CfUrls urls)
    {
        var path = "/v3/service_credential_bindings/" + binding.Guid;
        var relationships = new Dictionary<string, ToOne>();
        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link(path),
            ["details"] = urls.Link(path + "/details"),
            ["parameters"] = urls.Link(path + "/parameters"),
            ["service_instance"] = urls.Link("/v3/service_instances/" + binding.ServiceInstanceGuid),
        };
        if (binding.AppGuid is not null)
        {
            relationships["app"] = new ToOne(binding.AppGuid);
            links["app"] = urls.Link("/v3/apps/" + binding.AppGuid);
        }

        relationships["service_instance"] = new ToOne(binding.ServiceInstanceGuid);
        return new CredentialBindingResponse(binding.Guid, binding.CreatedAt, binding.UpdatedAt, binding.Name, binding.Type, binding.LastOperation,
            MetadataResponse.From(binding.Metadata), relationships, links);
    }
}

public sealed record RouteBindingResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? RouteServiceUrl,
    LastOperation LastOperation,
    MetadataResponse Metadata,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static RouteBindingResponse From(RouteBinding binding, CfUrls urls) => new(
        binding.Guid, binding.CreatedAt, binding.UpdatedAt, binding.RouteServiceUrl, binding.LastOperation, MetadataResponse.From(binding.Metadata),
        new { service_instance = new ToOne(binding.ServiceInstanceGuid), route = new ToOne(binding.RouteGuid) },
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/service_route_bindings/" + binding.Guid),
            ["service_instance"] = urls.Link("/v3/service_instances/" + binding.ServiceInstanceGuid),
            ["route"] = urls.Link("/v3/routes/" + binding.RouteGuid),
            ["parameters"] = urls.Link($"/v3/service_route_bindings/{binding.Guid}/parameters"),
        });
}
