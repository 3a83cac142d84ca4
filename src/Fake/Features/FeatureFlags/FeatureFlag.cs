using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.FeatureFlags;

/// <summary>A feature flag as set in a foundation (the seeded defaults are in <see cref="FeatureFlagDefaults"/>).</summary>
public sealed record FeatureFlag(string Guid, bool Enabled, string? CustomErrorMessage, DateTimeOffset? UpdatedAt) : IResource
{
    public string Name => Guid;

    public static bool IsEnabled(World world, string name) =>
        world.Find<FeatureFlag>(name)?.Enabled ?? FeatureFlagDefaults.Enabled(name);
}

/// <summary>Cloud Controller's feature flags, their defaults and descriptions.</summary>
public static class FeatureFlagDefaults
{
    public static readonly IReadOnlyList<(string Name, bool Enabled, string Description)> All =
    [
        ("app_bits_upload", true, "When enabled, space developers can upload app bits. When disabled, only admin users can upload app bits."),
        ("app_scaling", true, "When enabled, space developers can perform scaling operations (i.e. change memory, disk, log rate, or instances). When disabled, only admins can perform scaling operations."),
        ("diego_cnb", false, "When enabled, Cloud Native Buildpacks support is enabled."),
        ("diego_docker", false, "When enabled, Docker applications are supported by Diego. When disabled, Docker applications will stop running. It will still be possible to stop and delete them and update their configurations."),
        ("env_var_visibility", true, "When enabled, all users can see their environment variables. When disabled, no users can see environment variables."),
        ("hide_marketplace_from_unauthenticated_users", false, "When enabled, service offerings available in the marketplace will be hidden from unauthenticated users. When disabled, unauthenticated users will be able to see the service offerings available in the marketplace."),
        ("private_domain_creation", true, "When enabled, an organization manager can create private domains for that organization. When disabled, only admin users can create private domains."),
        ("resource_matching", true, "When enabled, any user can use resource matching. When disabled, no users can use resource matching."),
        ("route_creation", true, "When enabled, a space developer can create routes in a space. When disabled, only admin users can create routes."),
        ("route_sharing", false, "When enabled, Space Developers can share routes between two spaces (even across orgs!) that they have access to. When disabled, Space Developers cannot share routes between two spaces."),
        ("service_instance_creation", true, "When enabled, a space developer can create service instances in a space. When disabled, only admin users can create service instances."),
        ("service_instance_sharing", false, "When enabled, Space Developers can share service instances between two spaces (even across orgs!) in which they have the Space Developer role. When disabled, Space Developers cannot share service instances between two spaces."),
        ("set_roles_by_username", true, "When enabled, Org Managers or Space Managers can add access roles by username. In order to use this feature the UAA client must have scope 'scim.read' and 'scim.write'."),
        ("space_developer_env_var_visibility", true, "When enabled, space developers can do a GET on the /v2/apps/:guid/env end point, and space developers and space supporters can do a GET on the /v3/apps/:guid/env and /v3/apps/:guid/environment_variables endpoints. When disabled, neither space developers nor space supporters can access these endpoints."),
        ("space_scoped_private_broker_creation", true, "When enabled, space developers can create space scoped private brokers. When disabled, only admin users can create create space scoped private brokers."),
        ("task_creation", true, "When enabled, space developers can create tasks. When disabled, only admin users can create tasks."),
        ("unset_roles_by_username", true, "When enabled, Org Managers or Space Managers can remove access roles by username. In order to use this feature UAA client must have scope 'scim.read'"),
        ("user_org_creation", false, "When enabled, any user can create an organization via the API. When disabled, only admin users can create organizations via the API."),
    ];

    public static bool Enabled(string name) => All.FirstOrDefault(flag => flag.Name == name).Enabled;

    public static bool Exists(string name) => All.Any(flag => flag.Name == name);
}
