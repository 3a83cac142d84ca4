using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Apps;

/// <summary>An app: desired state, lifecycle, current droplet and environment. Its processes are <c>Process</c> records.</summary>
public sealed record App(
    string Guid,
    string Name,
    string SpaceGuid,
    string State,
    AppLifecycle Lifecycle,
    string? CurrentDropletGuid,
    ImmutableSortedDictionary<string, string> EnvironmentVariables,
    ImmutableSortedDictionary<string, bool> Features,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled
{
    public const string Started = "STARTED";
    public const string Stopped = "STOPPED";

    public static readonly ImmutableSortedDictionary<string, bool> DefaultFeatures = ImmutableSortedDictionary.CreateRange(
        StringComparer.Ordinal,
        [
            new KeyValuePair<string, bool>("ssh", true),
            new KeyValuePair<string, bool>("revisions", true),
            new KeyValuePair<string, bool>("service-binding-k8s", false),
            new KeyValuePair<string, bool>("file-based-vcap-services", false),
        ]);
}

/// <summary><c>lifecycle</c>: buildpack (buildpacks + stack), docker, or cnb.</summary>
public sealed record AppLifecycle(string Type, ImmutableList<string> Buildpacks, string? Stack)
{
    public object ToWire() => Type == "docker"
        ? new { type = Type, data = new { } }
        : new { type = Type, data = new { buildpacks = Buildpacks, stack = Stack } };
}
