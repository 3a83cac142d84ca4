using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Seeds the Tsuru side: admin@example.com / admin holding the AllowAll role, team <c>admin</c>, default pool, plans,
/// platforms and the <c>mysql</c> service (plans <c>small</c> and <c>large</c>) owned by the admin team.
/// </summary>
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

        transaction.Put(new TsuruService(
            "mysql", "mysql", "mysql-secret", ImmutableSortedDictionary<string, string>.Empty.Add("production", "http://mysql-api.tsuru.example.org"),
            ["admin"], ["admin"], "MySQL databases: bind an instance to get MYSQL_HOST and MYSQL_INSTANCE_NAME.", false,
            [new TsuruServicePlan("small", "1 CPU, 1 GiB memory, 10 GiB disk"), new TsuruServicePlan("large", "4 CPUs, 8 GiB memory, 100 GiB disk")]));
    }
}
