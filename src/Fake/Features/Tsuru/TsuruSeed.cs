using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Seeds the Tsuru side: admin@example.com / admin holding the AllowAll role, team <c>admin</c>, default pool, plans and platforms.</summary>
public static class TsuruSeed
{
    public const string AdminEmail = "admin@example.com";

    public static void Apply(Transaction transaction)
    {
        transaction.Put(new TsuruRole(TsuruRolesApi.RootRole, "global", string.Empty, ["*"], []));
        transaction.Put(new TsuruUser(AdminEmail, "admin", true, ["admin"]) { Roles = [new TsuruRoleInstance(TsuruRolesApi.RootRole, string.Empty)] });
        transaction.Put(new TsuruTeam("admin", [], AdminEmail));
        transaction.Put(new TsuruPool("default", true, true, []));
        transaction.Put(new TsuruPlan("c0.1m0.1", 134217728, 100, true));
        transaction.Put(new TsuruPlan("c1m1", 1073741824, 1000, false));
        foreach (var platform in new[] { "go", "java", "nodejs", "python", "ruby", "static" })
        {
            transaction.Put(new TsuruPlatform(platform, false));
        }
    }
}
