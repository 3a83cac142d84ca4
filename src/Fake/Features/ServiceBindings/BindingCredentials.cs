using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>
/// What a binding hands to its app or key holder: the user-provided instance's credentials, or credentials the
/// registered broker answered, or credentials the built-in broker issues (deterministic, derived from the binding).
/// </summary>
public static class BindingCredentials
{
    public static JsonNode For(World world, ServiceInstance instance, CredentialBinding binding)
    {
        if (instance.Type == ServiceInstance.UserProvided)
        {
            return instance.Credentials;
        }

        if (binding.CredentialsJson is not null)
        {
            return JsonNode.Parse(binding.CredentialsJson)!;
        }

        var offering = Offering(world, instance)?.Name ?? "service";
        return new JsonObject
        {
            ["uri"] = $"{offering}://{binding.Guid[..8]}:{binding.Guid}@{instance.Guid}.{offering}.fake.internal:5432/{instance.Name}",
            ["hostname"] = $"{instance.Guid}.{offering}.fake.internal",
            ["username"] = binding.Guid[..8],
            ["password"] = binding.Guid,
        };
    }

    public static ServiceOffering? Offering(World world, ServiceInstance instance) =>
        world.Find<ServicePlan>(instance.ServicePlanGuid) is { } plan ? world.Find<ServiceOffering>(plan.OfferingGuid) : null;
}
