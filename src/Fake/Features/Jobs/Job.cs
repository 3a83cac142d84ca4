using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Jobs;

/// <summary>An asynchronous operation (<c>/v3/jobs</c>): PROCESSING, then COMPLETE or FAILED.</summary>
public sealed record Job(
    string Guid,
    string Operation,
    string State,
    string? ResourceType,
    string? ResourceGuid,
    ImmutableList<CfError> Errors,
    ImmutableList<string> Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;

public static class JobStates
{
    public const string Processing = "PROCESSING";
    public const string Polling = "POLLING";
    public const string Complete = "COMPLETE";
    public const string Failed = "FAILED";
}
