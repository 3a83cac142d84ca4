using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Tasks;

/// <summary>A one-off command run from an app's droplet: RUNNING, then SUCCEEDED or FAILED (CANCELING on cancel).</summary>
public sealed record AppTask(
    string Guid,
    string AppGuid,
    int SequenceId,
    string Name,
    string Command,
    string State,
    string? FailureReason,
    int MemoryInMb,
    int DiskInMb,
    long LogRateLimitInBytesPerSecond,
    string DropletGuid,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IAppOwned
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceling = "CANCELING";
    public const string CancelledReason = "task was cancelled";

    public bool IsTerminal => State is Succeeded or Failed;
}

public sealed record TaskResponse(
    string Guid,
    int SequenceId,
    string Name,
    string Command,
    string User,
    string State,
    int MemoryInMb,
    int DiskInMb,
    long LogRateLimitInBytesPerSecond,
    object Result,
    string DropletGuid,
    MetadataResponse Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static TaskResponse From(AppTask task, CfUrls urls) => new(
        task.Guid, task.SequenceId, task.Name, task.Command, "vcap", task.State, task.MemoryInMb, task.DiskInMb, task.LogRateLimitInBytesPerSecond,
        new { failure_reason = task.FailureReason }, task.DropletGuid, MetadataResponse.From(task.Metadata), task.CreatedAt, task.UpdatedAt,
        new { app = new ToOne(task.AppGuid) },
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/tasks/" + task.Guid),
            ["app"] = urls.Link("/v3/apps/" + task.AppGuid),
            ["cancel"] = urls.Link($"/v3/tasks/{task.Guid}/actions/cancel", "POST"),
            ["droplet"] = urls.Link("/v3/droplets/" + task.DropletGuid),
        });
}
