using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Processes;

public sealed record ProcessResponse(
    string Guid,
    string Type,
    string? Command,
    string User,
    int Instances,
    int MemoryInMb,
    int DiskInMb,
    long LogRateLimitInBytesPerSecond,
    object HealthCheck,
    object ReadinessHealthCheck,
    ProcessRelationships Relationships,
    MetadataResponse Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version,
    IReadOnlyDictionary<string, Link> Links)
{
    public static ProcessResponse From(Process process, string spaceGuid, CfUrls urls)
    {
        var path = "/v3/processes/" + process.Guid;
        var check = process.HealthCheck;
        object healthCheckData = check.Type == "http"
            ? new { timeout = check.Timeout, invocation_timeout = check.InvocationTimeout, endpoint = check.Endpoint }
            : new { timeout = check.Timeout, invocation_timeout = check.InvocationTimeout };
        return new ProcessResponse(
            process.Guid, process.Type, process.Command, "vcap", process.Instances, process.MemoryInMb, process.DiskInMb,
            process.LogRateLimitInBytesPerSecond,
            new { type = check.Type, data = healthCheckData },
            new { type = "process", data = new { invocation_timeout = (int?)null } },
            new ProcessRelationships(new ToOne(process.AppGuid), new ToOne((string?)null)),
            MetadataResponse.From(process.Metadata),
            process.CreatedAt, process.UpdatedAt, process.Version,
            new Dictionary<string, Link>
            {
                ["self"] = urls.Link(path),
                ["scale"] = urls.Link(path + "/actions/scale", "POST"),
                ["app"] = urls.Link("/v3/apps/" + process.AppGuid),
                ["space"] = urls.Link("/v3/spaces/" + spaceGuid),
                ["stats"] = urls.Link(path + "/stats"),
                ["process_instances"] = urls.Link(path + "/process_instances"),
            });
    }
}

public sealed record ProcessRelationships(ToOne App, ToOne Revision);
