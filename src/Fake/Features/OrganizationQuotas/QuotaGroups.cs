namespace CloudFoundry.Fake.Features.OrganizationQuotas;

/// <summary>The limit groups of a quota on the wire.</summary>
public sealed record AppLimits(long? TotalMemoryInMb, long? PerProcessMemoryInMb, long? LogRateLimitInBytesPerSecond, long? TotalInstances, long? PerAppTasks);

public sealed record ServiceLimits(bool PaidServicesAllowed, long? TotalServiceInstances, long? TotalServiceKeys);

public sealed record RouteLimits(long? TotalRoutes, long? TotalReservedPorts);

public sealed record DomainLimits(long? TotalDomains);

public static class QuotaGroups
{
    public static AppLimits Apps(QuotaLimits limits) =>
        new(limits.TotalMemoryInMb, limits.PerProcessMemoryInMb, limits.LogRateLimitInBytesPerSecond, limits.TotalInstances, limits.PerAppTasks);

    public static ServiceLimits Services(QuotaLimits limits) =>
        new(limits.PaidServicesAllowed, limits.TotalServiceInstances, limits.TotalServiceKeys);

    public static RouteLimits Routes(QuotaLimits limits) => new(limits.TotalRoutes, limits.TotalReservedPorts);
}
