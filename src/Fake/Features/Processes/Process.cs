using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Processes;

/// <summary>A process type of an app, its scale and health check, and the state of each running instance.</summary>
public sealed record Process(
    string Guid,
    string AppGuid,
    string Type,
    string? Command,
    int Instances,
    int MemoryInMb,
    int DiskInMb,
    long LogRateLimitInBytesPerSecond,
    HealthCheck HealthCheck,
    ImmutableList<string> InstanceStates,
    string Version,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled
{
    public const string Web = "web";
    public const int DefaultMemoryInMb = 1024;
    public const int DefaultDiskInMb = 1024;
    public const long DefaultLogRateLimit = -1;
}

public sealed record HealthCheck(string Type, int? Timeout, int? InvocationTimeout, string? Endpoint)
{
    public static readonly HealthCheck Port = new("port", null, null, null);
}

/// <summary>Instance states as <c>/stats</c> reports them.</summary>
public static class InstanceStates
{
    public const string Starting = "STARTING";
    public const string Running = "RUNNING";
    public const string Crashed = "CRASHED";
    public const string Down = "DOWN";
}
