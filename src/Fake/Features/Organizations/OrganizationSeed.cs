using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.OrganizationQuotas;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Organizations;

/// <summary>Seeds the <c>default</c> organization quota and the <c>system</c> organization a new foundation has.</summary>
public static class OrganizationSeed
{
    public const string SystemOrganization = "system";

    public static void Apply(Transaction transaction)
    {
        var quota = OrganizationQuota.Default(transaction.World) ?? transaction.Put(new OrganizationQuota(
            transaction.NamedGuid("organization_quota/default"),
            OrganizationQuota.DefaultName,
            new QuotaLimits(TotalMemoryInMb: 102400, TotalServiceInstances: 100, TotalRoutes: 1000, TotalReservedPorts: 0),
            transaction.Now,
            transaction.Now));
        transaction.Put(new Organization(
            transaction.NamedGuid("organization/system"), SystemOrganization, false, quota.Guid, null, ResourceMetadata.Empty, transaction.Now, transaction.Now));
    }
}
