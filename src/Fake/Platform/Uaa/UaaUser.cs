using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>A user known to the fake UAA: its login, password and the scopes its tokens carry.</summary>
public sealed record UaaUser(
    string Guid,
    string UserName,
    string Password,
    string Origin,
    string Email,
    ImmutableSortedSet<string> Scopes,
    DateTimeOffset CreatedAt) : IResource
{
    public static readonly ImmutableSortedSet<string> DefaultScopes =
    [
        "cloud_controller.read", "cloud_controller.write", "cloud_controller_service_permissions.read",
        "openid", "password.write", "uaa.user",
    ];

    public static readonly ImmutableSortedSet<string> AdminScopes = DefaultScopes.Union(
    [
        "cloud_controller.admin", "clients.read", "clients.write", "doppler.firehose", "routing.router_groups.read",
        "routing.router_groups.write", "scim.read", "scim.write",
    ]);

    public static UaaUser? FindByName(World world, string userName, string origin) =>
        world.Of<UaaUser>().All.FirstOrDefault(user =>
            string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(user.Origin, origin, StringComparison.Ordinal));
}
