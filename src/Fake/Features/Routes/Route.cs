using System.Collections.Immutable;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Routes;

public sealed record Route(
    string Guid,
    string Host,
    string Path,
    int? Port,
    string DomainGuid,
    string SpaceGuid,
    ImmutableSortedSet<string> SharedSpaceGuids,
    ImmutableList<RouteDestination> Destinations,
    string? LoadBalancing,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled
{
    public string Url(Domain domain)
    {
        var hostname = Host.Length == 0 ? domain.Name : $"{Host}.{domain.Name}";
        return Port is { } port ? $"{hostname}:{port}" : hostname + Path;
    }
}

/// <summary>Where a route sends traffic: an app's process, on a port, with a protocol and optional weight.</summary>
public sealed record RouteDestination(
    string Guid,
    string AppGuid,
    string ProcessType,
    int Port,
    int? Weight,
    string Protocol,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
