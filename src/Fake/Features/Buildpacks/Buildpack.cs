using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Buildpacks;

public sealed record Buildpack(
    string Guid,
    string Name,
    string State,
    string? Filename,
    string? Stack,
    int Position,
    string Lifecycle,
    bool Enabled,
    bool Locked,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled
{
    public const string AwaitingUpload = "AWAITING_UPLOAD";
    public const string Ready = "READY";
}

/// <summary>The uploaded zip of a buildpack, kept in memory.</summary>
public sealed record BuildpackBits(string Guid, byte[] Contents, string Sha256) : Engine.IResource;

public sealed record BuildpackResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    string State,
    string? Filename,
    string? Stack,
    int Position,
    string Lifecycle,
    bool Enabled,
    bool Locked,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    public static BuildpackResponse From(Buildpack buildpack, CfUrls urls) => new(
        buildpack.Guid, buildpack.CreatedAt, buildpack.UpdatedAt, buildpack.Name, buildpack.State, buildpack.Filename, buildpack.Stack,
        buildpack.Position, buildpack.Lifecycle, buildpack.Enabled, buildpack.Locked, MetadataResponse.From(buildpack.Metadata),
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/buildpacks/" + buildpack.Guid),
            ["upload"] = urls.Link($"/v3/buildpacks/{buildpack.Guid}/upload", "POST"),
        });
}
