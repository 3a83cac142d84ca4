using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.UsageEvents;

/// <summary>A (guid, name) pair of a usage event; the guid alone where there is no name.</summary>
public sealed record Named(string? Guid, string? Name);

/// <summary>The process of an app usage event.</summary>
public sealed record ProcessRef(string? Guid, string? Type);

/// <summary>A before/after pair of a usage event (state, memory, instance count).</summary>
public sealed record Change<T>(T Current, T? Previous);

/// <summary>An app usage event: a process started or stopped (or was scaled while started), or a task started or stopped.</summary>
public sealed record AppUsageEvent(
    string Guid,
    Change<string> State,
    Named App,
    ProcessRef Process,
    Named Space,
    string? OrganizationGuid,
    Named Buildpack,
    Named Task,
    Change<int?> MemoryInMbPerInstance,
    Change<int?> InstanceCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;

/// <summary>A service usage event: an instance was created, updated or deleted.</summary>
public sealed record ServiceUsageEvent(
    string Guid,
    string State,
    Named Space,
    string? OrganizationGuid,
    Named ServiceInstance,
    string ServiceInstanceType,
    Named ServicePlan,
    Named ServiceOffering,
    Named ServiceBroker,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;

public sealed record AppUsageEventResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Change<string> State,
    Named App,
    ProcessRef Process,
    Named Space,
    object Organization,
    Named Buildpack,
    Named Task,
    Change<int?> MemoryInMbPerInstance,
    Change<int?> InstanceCount,
    IReadOnlyDictionary<string, Link> Links)
{
    public static AppUsageEventResponse From(AppUsageEvent usage, CfUrls urls) => new(
        usage.Guid, usage.CreatedAt, usage.UpdatedAt, usage.State, usage.App, usage.Process, usage.Space, new { guid = usage.OrganizationGuid },
        usage.Buildpack, usage.Task, usage.MemoryInMbPerInstance, usage.InstanceCount,
        new Dictionary<string, Link> { ["self"] = urls.Link("/v3/app_usage_events/" + usage.Guid) });
}

public sealed record ServiceUsageEventResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string State,
    Named Space,
    object Organization,
    object ServiceInstance,
    Named ServicePlan,
    Named ServiceOffering,
    Named ServiceBroker,
    IReadOnlyDictionary<string, Link> Links)
{
    public static ServiceUsageEventResponse From(ServiceUsageEvent usage, CfUrls urls) => new(
        usage.Guid, usage.CreatedAt, usage.UpdatedAt, usage.State, usage.Space, new { guid = usage.OrganizationGuid },
        new { guid = usage.ServiceInstance.Guid, name = usage.ServiceInstance.Name, type = usage.ServiceInstanceType },
        usage.ServicePlan, usage.ServiceOffering, usage.ServiceBroker,
        new Dictionary<string, Link> { ["self"] = urls.Link("/v3/service_usage_events/" + usage.Guid) });
}
