using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>Builds an app's <c>VCAP_SERVICES</c>: its bound instances grouped by label, with credentials.</summary>
public static class VcapServices
{
    public static JsonObject For(World world, string appGuid)
    {
        var services = new JsonObject();
        foreach (var binding in world.Of<CredentialBinding>().All.Where(binding => binding.AppGuid == appGuid))
        {
            if (world.Find<ServiceInstance>(binding.ServiceInstanceGuid) is not { } instance)
            {
                continue;
            }

            var label = instance.Type == ServiceInstance.UserProvided ? "user-provided" : BindingCredentials.Offering(world, instance)?.Name ?? instance.Name;
            if (services[label] is not JsonArray entries)
            {
                entries = [];
                services[label] = entries;
            }

            entries.Add(new JsonObject
            {
                ["label"] = label,
                ["name"] = binding.Name ?? instance.Name,
                ["tags"] = new JsonArray([.. instance.Tags.Select(tag => (JsonNode?)tag)]),
                ["instance_guid"] = instance.Guid,
                ["instance_name"] = instance.Name,
                ["binding_guid"] = binding.Guid,
                ["binding_name"] = binding.Name,
                ["plan"] = world.Find<Marketplace.ServicePlan>(instance.ServicePlanGuid)?.Name,
                ["credentials"] = BindingCredentials.For(world, instance, binding),
                ["syslog_drain_url"] = instance.SyslogDrainUrl,
                ["volume_mounts"] = new JsonArray(),
            });
        }

        return services;
    }
}
