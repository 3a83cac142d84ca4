using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>Resource usage of the platform or of one organization (<c>usage_summary</c> endpoints).</summary>
public sealed record UsageSummary(
    long StartedInstances = 0,
    long MemoryInMb = 0,
    long Routes = 0,
    long ServiceInstances = 0,
    long ReservedPorts = 0,
    long Domains = 0,
    long PerAppTasks = 0,
    long ServiceKeys = 0)
{
    public static UsageSummary operator +(UsageSummary left, UsageSummary right) => new(
        left.StartedInstances + right.StartedInstances,
        left.MemoryInMb + right.MemoryInMb,
        left.Routes + right.Routes,
        left.ServiceInstances + right.ServiceInstances,
        left.ReservedPorts + right.ReservedPorts,
        left.Domains + right.Domains,
        left.PerAppTasks + right.PerAppTasks,
        left.ServiceKeys + right.ServiceKeys);
}

/// <summary>What a usage summary covers: the platform (both null), one organization or one space.</summary>
public sealed record UsageScope(string? OrganizationGuid = null, string? SpaceGuid = null)
{
    public static readonly UsageScope Platform = new();
}

/// <summary>A feature's share of a usage summary within a scope.</summary>
public delegate UsageSummary UsageCounter(World world, UsageScope scope);

/// <summary>Adds up what every feature counts.</summary>
public sealed class UsageSummaries(IEnumerable<UsageCounter> counters)
{
    public UsageSummary Platform(World world) => Sum(world, UsageScope.Platform);

    public UsageSummary Organization(World world, string organizationGuid) => Sum(world, new UsageScope(OrganizationGuid: organizationGuid));

    public UsageSummary Space(World world, string spaceGuid) => Sum(world, new UsageScope(SpaceGuid: spaceGuid));

    private UsageSummary Sum(World world, UsageScope scope) =>
        counters.Aggregate(new UsageSummary(), (total, counter) => total + counter(world, scope));
}
