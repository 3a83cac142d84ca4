using System.Collections.Immutable;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Deployments;

/// <summary>
/// A zero-downtime update of an app to a droplet (or a revision): ACTIVE while DEPLOYING, PAUSED (canary) or
/// CANCELING, then FINALIZED as DEPLOYED, CANCELED or SUPERSEDED. The "deployment" lifecycle moves it on.
/// </summary>
public sealed record Deployment(
    string Guid,
    string AppGuid,
    string Reason,
    string Strategy,
    DeploymentOptions Options,
    int CanaryStep,
    string DropletGuid,
    string? PreviousDropletGuid,
    string NewProcessGuid,
    string? RevisionGuid,
    int? RevisionVersion,
    string? Error,
    DateTimeOffset LastStatusChange,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IAppOwned
{
    public const string Lifecycle = "deployment";
    public const string Rolling = "rolling";
    public const string Canary = "canary";
    public const string Deploying = "DEPLOYING";
    public const string Paused = "PAUSED";
    public const string Canceling = "CANCELING";
    public const string Deployed = "DEPLOYED";
    public const string Canceled = "CANCELED";
    public const string Superseded = "SUPERSEDED";

    public bool IsActive => Reason is Deploying or Paused or Canceling;

    public string StatusValue => IsActive ? "ACTIVE" : "FINALIZED";

    /// <summary>The internal state the <c>states</c> filter matches (CANCELED and SUPERSEDED are states too).</summary>
    public string State => Reason;

    public Deployment Moved(string reason, DateTimeOffset now) => this with { Reason = reason, LastStatusChange = now, UpdatedAt = now };
}

/// <summary>Deployment <c>options</c>: how many instances move at once, the target instance count and resources, canary steps.</summary>
public sealed record DeploymentOptions(int MaxInFlight, int WebInstances, int? MemoryInMb, int? DiskInMb, long? LogRateLimitInBytesPerSecond, ImmutableList<int> CanarySteps);

public sealed record DeploymentResponse(
    string Guid,
    object Status,
    string Strategy,
    object Options,
    object Droplet,
    object? PreviousDroplet,
    IReadOnlyList<object> NewProcesses,
    object? Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    MetadataResponse Metadata,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static DeploymentResponse From(Deployment deployment, CfUrls urls)
    {
        var path = "/v3/deployments/" + deployment.Guid;
        var canary = deployment.Strategy == Deployment.Canary;
        var details = new Dictionary<string, object?>
        {
            ["last_successful_healthcheck"] = CfJson.Timestamp(deployment.LastStatusChange),
            ["last_status_change"] = CfJson.Timestamp(deployment.LastStatusChange),
        };
        if (deployment.Error is not null)
        {
            details["error"] = deployment.Error;
        }

        var status = new Dictionary<string, object?> { ["value"] = deployment.StatusValue, ["reason"] = deployment.Reason, ["details"] = details };
        var options = new Dictionary<string, object?>
        {
            ["max_in_flight"] = deployment.Options.MaxInFlight,
            ["web_instances"] = deployment.Options.WebInstances,
        };
        AddIfSet(options, "memory_in_mb", deployment.Options.MemoryInMb);
        AddIfSet(options, "disk_in_mb", deployment.Options.DiskInMb);
        AddIfSet(options, "log_rate_limit_in_bytes_per_second", deployment.Options.LogRateLimitInBytesPerSecond);
        if (canary)
        {
            var steps = Math.Max(deployment.Options.CanarySteps.Count, 1);
            status["canary"] = new { steps = new { current = Math.Min(deployment.CanaryStep, steps), total = steps } };
            if (deployment.Options.CanarySteps.Count > 0)
            {
                options["canary"] = new { steps = deployment.Options.CanarySteps.Select(weight => new { instance_weight = weight }).ToList() };
            }
        }

        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link(path),
            ["app"] = urls.Link("/v3/apps/" + deployment.AppGuid),
            ["cancel"] = urls.Link(path + "/actions/cancel", "POST"),
        };
        if (canary)
        {
            links["continue"] = urls.Link(path + "/actions/continue", "POST");
        }

        return new DeploymentResponse(
            deployment.Guid,
            status,
            deployment.Strategy,
            options,
            new { guid = deployment.DropletGuid },
            deployment.PreviousDropletGuid is null ? null : new { guid = deployment.PreviousDropletGuid },
            [new { guid = deployment.NewProcessGuid, type = "web" }],
            deployment.RevisionGuid is null ? null : new { guid = deployment.RevisionGuid, version = deployment.RevisionVersion },
            deployment.CreatedAt,
            deployment.UpdatedAt,
            MetadataResponse.From(deployment.Metadata),
            new { app = new ToOne(deployment.AppGuid) },
            links);
    }

    /// <summary>Options the deployment was not given are left out, as the real presenter does.</summary>
    private static void AddIfSet(Dictionary<string, object?> options, string key, object? value)
    {
        if (value is not null)
        {
            options[key] = value;
        }
    }
}
