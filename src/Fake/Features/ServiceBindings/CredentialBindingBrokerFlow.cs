using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.ServiceInstances;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>Binding apps and creating keys for instances of registered brokers; a finished bind keeps the credentials.</summary>
public sealed class CredentialBindingBrokerFlow : BindingBrokerFlow<CredentialBinding>
{
    public override string ResourceType => "service_credential_binding";

    protected override CredentialBinding WithOperation(CredentialBinding binding, LastOperation operation, DateTimeOffset now) =>
        binding with { LastOperation = operation, UpdatedAt = now };

    protected override CredentialBinding Bound(CredentialBinding binding, JsonObject answer, LastOperation operation, DateTimeOffset now) =>
        binding with { CredentialsJson = (answer["credentials"] as JsonObject ?? []).ToJsonString(), LastOperation = operation, UpdatedAt = now };

    public BrokerCall Bind(World world, CredentialBinding binding, ServiceInstance instance, BrokerPlan plan, JsonObject? parameters)
    {
        var bindResource = binding.AppGuid is null
            ? new JsonObject()
            : new JsonObject { ["app_guid"] = binding.AppGuid, ["space_guid"] = instance.SpaceGuid, ["app_annotations"] = new JsonObject() };
        var call = BindCall(world, binding, instance, plan, bindResource, parameters);
        if (binding.AppGuid is not null)
        {
            call.Body!["app_guid"] = binding.AppGuid;
        }

        return call;
    }
}
