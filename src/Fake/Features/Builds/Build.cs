using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Builds;

/// <summary>A staging of a package: STAGING, then STAGED with a droplet or FAILED with an error.</summary>
public sealed record Build(
    string Guid,
    string AppGuid,
    string PackageGuid,
    string State,
    string? Error,
    string? DropletGuid,
    AppLifecycle Lifecycle,
    int StagingMemoryInMb,
    int StagingDiskInMb,
    BuildCreator CreatedBy,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IAppOwned
{
    public const string Staging = "STAGING";
    public const string Staged = "STAGED";
    public const string Failed = "FAILED";
}

public sealed record BuildCreator(string Guid, string Name, string Email);

public sealed record BuildResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    BuildCreator CreatedBy,
    string State,
    int StagingMemoryInMb,
    int StagingDiskInMb,
    long StagingLogRateLimitBytesPerSecond,
    string? Error,
    object Lifecycle,
    GuidReference Package,
    GuidReference? Droplet,
    object Relationships,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    public static BuildResponse From(Build build, CfUrls urls)
    {
        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/builds/" + build.Guid),
            ["app"] = urls.Link("/v3/apps/" + build.AppGuid),
        };
        if (build.DropletGuid is not null)
        {
            links["droplet"] = urls.Link("/v3/droplets/" + build.DropletGuid);
        }

        return new BuildResponse(
            build.Guid, build.CreatedAt, build.UpdatedAt, build.CreatedBy, build.State, build.StagingMemoryInMb, build.StagingDiskInMb, -1,
            build.Error, build.Lifecycle.ToWire(), new GuidReference(build.PackageGuid),
            build.DropletGuid is null ? null : new GuidReference(build.DropletGuid),
            new { app = new ToOne(build.AppGuid) }, MetadataResponse.From(build.Metadata), links);
    }
}
