using System.Collections.Immutable;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Deployments;

/// <summary>The body of <c>POST /v3/deployments</c>, validated with the Cloud Controller's messages.</summary>
public sealed record DeploymentRequest(
    string AppGuid,
    string? DropletGuid,
    string? RevisionGuid,
    string Strategy,
    int? MaxInFlight,
    int? WebInstances,
    int? MemoryInMb,
    int? DiskInMb,
    long? LogRateLimitInBytesPerSecond,
    ImmutableList<int> CanarySteps,
    MetadataUpdate? Metadata)
{
    private static readonly string[] OptionKeys = ["max_in_flight", "web_instances", "memory_in_mb", "disk_in_mb", "log_rate_limit_in_bytes_per_second", "canary"];

    public static DeploymentRequest Read(RequestBody body)
    {
        body.AllowOnly("relationships", "droplet", "revision", "strategy", "options", "metadata");
        var app = body.ToOneRelationship("app");
        var droplet = body.Object("droplet")?.String("guid");
        var revision = body.Object("revision")?.String("guid");
        if (body.Has("droplet") && body.Has("revision"))
        {
            body.AddError("droplet", "Cannot set both fields 'droplet' and 'revision'");
        }

        var strategy = body.String("strategy") ?? Deployment.Rolling;
        if (strategy is not (Deployment.Rolling or Deployment.Canary))
        {
            body.AddError("strategy", $"'{strategy}' is not a supported deployment strategy");
        }

        var options = body.Object("options", notObjectMessage: "must be an object");
        var unsupported = options?.Json.Select(pair => pair.Key).Where(key => !OptionKeys.Contains(key)).ToList() ?? [];
        if (unsupported.Count > 0)
        {
            body.AddError("options", $"has unsupported key(s): {string.Join(", ", unsupported)}");
        }

        var maxInFlight = options?.Integer("max_in_flight", min: 1);
        var webInstances = options?.Integer("web_instances", min: 1);
        var memory = options?.Integer("memory_in_mb", min: 1);
        var disk = options?.Integer("disk_in_mb", min: 1);
        var logRate = options?.Integer("log_rate_limit_in_bytes_per_second", min: -1);
        var steps = CanaryStepsOf(body, options, strategy);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        return new DeploymentRequest(app!, droplet, revision, strategy, (int?)maxInFlight, (int?)webInstances, (int?)memory, (int?)disk, logRate, steps, metadata);
    }

    /// <summary>The options the deployment shows: what was asked, or the web process's current values.</summary>
    public DeploymentOptions Options(Process? web) =>
        new(MaxInFlight ?? 1, WebInstances ?? web?.Instances ?? 1, MemoryInMb, DiskInMb, LogRateLimitInBytesPerSecond, CanarySteps);

    private static ImmutableList<int> CanaryStepsOf(RequestBody body, RequestBody? options, string strategy)
    {
        if (options?.Object("canary", notObjectMessage: "must be an object") is not { } canary)
        {
            return [];
        }

        if (strategy != Deployment.Canary)
        {
            body.AddError("options.canary", "are only valid for Canary deployments");
            return [];
        }

        if (canary.Json["steps"] is not System.Text.Json.Nodes.JsonArray steps || steps.Any(step => step is not System.Text.Json.Nodes.JsonObject))
        {
            body.AddError("options.canary.steps", "must be an array of objects");
            return [];
        }

        var weights = steps.Select(step => step!["instance_weight"] is { } weight && weight.GetValueKind() == System.Text.Json.JsonValueKind.Number && weight.AsValue().TryGetValue<int>(out var value) ? value : (int?)null).ToList();
        if (weights.Any(weight => weight is not (>= 1 and <= 100)))
        {
            body.AddError("options.canary.steps.instance_weight", "must be an Integer between 1-100 (inclusive)");
            return [];
        }

        if (!weights.SequenceEqual(weights.Order()))
        {
            body.AddError("options.canary.steps.instance_weight", "must be sorted in ascending order");
        }

        return [.. weights.Select(weight => weight!.Value)];
    }
}
