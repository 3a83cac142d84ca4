using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Packages;

/// <summary>App bits (a zip uploaded later) or a docker image reference.</summary>
public sealed record Package(
    string Guid,
    string AppGuid,
    string Type,
    string State,
    string? Sha256,
    string? Error,
    string? Image,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IAppOwned
{
    public const string AwaitingUpload = "AWAITING_UPLOAD";
    public const string ProcessingUpload = "PROCESSING_UPLOAD";
    public const string Ready = "READY";
    public const string Failed = "FAILED";
}

/// <summary>The uploaded zip of a bits package, kept in memory.</summary>
public sealed record PackageBits(string Guid, byte[] Zip) : Engine.IResource;

public sealed record PackageResponse(
    string Guid,
    string Type,
    object Data,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links,
    MetadataResponse Metadata)
{
    public static PackageResponse From(Package package, CfUrls urls)
    {
        var path = "/v3/packages/" + package.Guid;
        object data = package.Type == "docker"
            ? new { image = package.Image, username = (string?)null, password = (string?)null }
            : new { checksum = new { type = "sha256", value = package.Sha256 }, error = package.Error };
        var links = new Dictionary<string, Link> { ["self"] = urls.Link(path) };
        if (package.Type == "bits")
        {
            links["upload"] = urls.Link(path + "/upload", "POST");
            links["download"] = urls.Link(path + "/download", "GET");
        }

        links["app"] = urls.Link("/v3/apps/" + package.AppGuid);
        return new PackageResponse(package.Guid, package.Type, data, package.State, package.CreatedAt, package.UpdatedAt,
            new { app = new ToOne(package.AppGuid) }, links, MetadataResponse.From(package.Metadata));
    }
}
