using System.Collections.Immutable;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Revisions;

/// <summary>What an app ran at one point: droplet, process commands, sidecars and environment; numbered per app.</summary>
public sealed record Revision(
    string Guid,
    string AppGuid,
    int Version,
    string DropletGuid,
    ImmutableSortedDictionary<string, string?> ProcessCommands,
    ImmutableList<RevisionSidecar> Sidecars,
    ImmutableSortedDictionary<string, string> EnvironmentVariables,
    string Description,
    bool Deployable,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled, IAppOwned;

/// <summary>A sidecar as a revision remembers it.</summary>
public sealed record RevisionSidecar(string Name, string Command, IReadOnlyList<string> ProcessTypes, int? MemoryInMb);

public sealed record RevisionResponse(
    string Guid,
    int Version,
    object Droplet,
    IReadOnlyDictionary<string, object> Processes,
    IReadOnlyList<RevisionSidecar> Sidecars,
    string Description,
    bool Deployable,
    object Relationships,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    public static RevisionResponse From(Revision revision, CfUrls urls) => new(
        revision.Guid,
        revision.Version,
        new { guid = revision.DropletGuid },
        revision.ProcessCommands.ToDictionary(pair => pair.Key, pair => (object)new { command = pair.Value }, StringComparer.Ordinal),
        revision.Sidecars,
        revision.Description,
        revision.Deployable,
        new { app = new ToOne(revision.AppGuid) },
        revision.CreatedAt,
        revision.UpdatedAt,
        MetadataResponse.From(revision.Metadata),
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/revisions/" + revision.Guid),
            ["app"] = urls.Link("/v3/apps/" + revision.AppGuid),
            ["environment_variables"] = urls.Link($"/v3/revisions/{revision.Guid}/environment_variables"),
        });
}
