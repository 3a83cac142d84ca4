using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>
/// An asynchronous OSBAPI operation in flight for an instance or binding (keyed by the resource's guid): its type
/// (create, update, delete), the job that reports it, the broker's operation id, and the plan an update moves to.
/// </summary>
public sealed record BrokerOperation(string Guid, string ResourceType, string Type, string JobGuid, string? BrokerOperationId, string? PlanGuid = null, string? ParametersJson = null) : IResource;
