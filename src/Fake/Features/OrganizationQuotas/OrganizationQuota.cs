using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.OrganizationQuotas;

/// <summary>An organization quota; null limits are unlimited.</summary>
public sealed record OrganizationQuota(
    string Guid,
    string Name,
    QuotaLimits Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped
{
    public const string DefaultName = "default";

    public static OrganizationQuota? Default(Engine.World world) =>
        world.Of<OrganizationQuota>().All.FirstOrDefault(quota => quota.Name == DefaultName);
}

/// <summary>The limits shared by organization and space quotas (<c>null</c> = unlimited).</summary>
public sealed record QuotaLimits(
    long? TotalMemoryInMb = null,
    long? PerProcessMemoryInMb = null,
    long? TotalInstances = null,
    long? PerAppTasks = null,
    long? LogRateLimitInBytesPerSecond = null,
    bool PaidServicesAllowed = true,
    long? TotalServiceInstances = null,
    long? TotalServiceKeys = null,
    long? TotalRoutes = null,
    long? TotalReservedPorts = null,
    long? TotalDomains = null);
