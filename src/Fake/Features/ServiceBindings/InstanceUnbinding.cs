using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>
/// What Cloud Controller does before a registered broker deprovisions an instance: unbind its route bindings, app
/// bindings and keys at the broker, one by one. A binding that is not gone afterwards (the broker failed, or is still
/// unbinding asynchronously) stops the deletion.
/// </summary>
public sealed class InstanceUnbinding(BrokerOperations brokers, RouteBindingBrokerFlow routeFlow, CredentialBindingBrokerFlow credentialFlow)
{
    /// <returns>Null when nothing is bound any more, else why the instance cannot be deleted yet.</returns>
    public async Task<string?> UnbindAllAsync(CfContext cf, ServiceInstance instance)
    {
        foreach (var binding in cf.World.Of<RouteBinding>().All.Where(binding => binding.ServiceInstanceGuid == instance.Guid).ToList())
        {
            await brokers.StartAsync(cf, routeFlow, binding.Guid, "delete", RouteBindingsApi.UnbindOperation, "unbind", routeFlow.Unbind(cf.World, binding.Guid));
            if (cf.World.Find<RouteBinding>(binding.Guid) is { } left)
            {
                return Blocked(left, $"An operation for a service binding of service instance {instance.Name} is in progress.");
            }
        }

        var credentialBindings = cf.World.Of<CredentialBinding>().All
            .Where(binding => binding.ServiceInstanceGuid == instance.Guid)
            .OrderBy(binding => binding.Type == "app" ? 0 : 1)
            .ToList();
        foreach (var binding in credentialBindings)
        {
            await brokers.StartAsync(cf, credentialFlow, binding.Guid, "delete", ServiceBindingsApi.UnbindOperationOf(binding), "unbind", credentialFlow.Unbind(cf.World, binding.Guid));
            if (cf.World.Find<CredentialBinding>(binding.Guid) is { } left)
            {
                return Blocked(left, binding.AppGuid is { } appGuid
                    ? $"An operation for the service binding between app {cf.World.Find<App>(appGuid)?.Name} and service instance {instance.Name} is in progress."
                    : $"An operation for a service binding of service instance {instance.Name} is in progress.");
            }
        }

        return null;
    }

    private static string Blocked(IServiceBinding binding, string inProgress) =>
        binding.LastOperation.State == "in progress" ? inProgress : binding.LastOperation.Description ?? "Unbinding failed";
}
