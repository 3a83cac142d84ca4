using System.Collections.Immutable;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Droplets;

/// <summary>The result of staging: process types with their start commands, stack and buildpacks (or a docker image).</summary>
public sealed record Droplet(
    string Guid,
    string AppGuid,
    string? PackageGuid,
    string State,
    string? Error,
    string LifecycleType,
    ImmutableSortedDictionary<string, string> ProcessTypes,
    string? Stack,
    ImmutableList<string> Buildpacks,
    string? Image,
    string? Sha256,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IAppOwned
{
    public const string Staged = "STAGED";
}

/// <summary>Uploaded droplet bits, kept in memory.</summary>
public sealed record DropletBits(string Guid, byte[] Contents) : Engine.IResource;

public sealed record DropletResponse(
    string Guid,
    string State,
    string? Error,
    object Lifecycle,
    string ExecutionMetadata,
    IReadOnlyDictionary<string, string> ProcessTypes,
    object? Checksum,
    IReadOnlyList<object>? Buildpacks,
    string? Stack,
    string? Image,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links,
    MetadataResponse Metadata)
{
    public static DropletResponse From(Droplet droplet, CfUrls urls)
    {
        var path = "/v3/droplets/" + droplet.Guid;
        var links = new Dictionary<string, Link> { ["self"] = urls.Link(path) };
        if (droplet.PackageGuid is not null)
        {
            links["package"] = urls.Link("/v3/packages/" + droplet.PackageGuid);
        }

        links["app"] = urls.Link("/v3/apps/" + droplet.AppGuid);
        links["assign_current_droplet"] = urls.Link($"/v3/apps/{droplet.AppGuid}/relationships/current_droplet", "PATCH");
        var docker = droplet.LifecycleType == "docker";
        if (droplet.State == "STAGED" && !docker)
        {
            links["download"] = urls.Link(path + "/download");
        }

        return new DropletResponse(
            droplet.Guid, droplet.State, droplet.Error, new { type = droplet.LifecycleType, data = new { } }, string.Empty, droplet.ProcessTypes,
            docker || droplet.Sha256 is null ? null : new { type = "sha256", value = droplet.Sha256 },
            docker ? null : [.. droplet.Buildpacks.Select(name => (object)new { name, detect_output = (string?)null, version = (string?)null, buildpack_name = name })],
            docker ? null : droplet.Stack, droplet.Image, droplet.CreatedAt, droplet.UpdatedAt,
            new { app = new ToOne(droplet.AppGuid) }, links, MetadataResponse.From(droplet.Metadata));
    }
}
