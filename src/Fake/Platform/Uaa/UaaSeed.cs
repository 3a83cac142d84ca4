using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Users;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>Seeds the login side of a foundation: user <c>admin</c>/<c>admin</c> and the <c>cf</c> and <c>admin</c> clients.</summary>
public static class UaaSeed
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "admin";

    public static void Apply(Transaction transaction)
    {
        var guid = transaction.NamedGuid("user/admin");
        transaction.Put(new UaaUser(guid, AdminUserName, AdminPassword, "uaa", "admin@example.org", UaaUser.AdminScopes, transaction.Now));
        transaction.Put(new User(guid, AdminUserName, "uaa", ResourceMetadata.Empty, transaction.Now, transaction.Now));
        transaction.Put(new UaaClient("cf", string.Empty, ["password", "refresh_token"], []));
        transaction.Put(new UaaClient("admin", "admin-secret", ["client_credentials"], [.. UaaUser.AdminScopes, "uaa.admin"]));
    }
}
