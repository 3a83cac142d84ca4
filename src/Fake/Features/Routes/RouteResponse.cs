using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Routes;

public sealed record RouteResponse(
    string Guid,
    string Protocol,
    int? Port,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Host,
    string Path,
    string Url,
    IReadOnlyList<DestinationResponse> Destinations,
    IReadOnlyDictionary<string, string> Options,
    MetadataResponse Metadata,
    RouteRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static RouteResponse From(Route route, Domain domain, CfUrls urls)
    {
        var path = "/v3/routes/" + route.Guid;
        var options = new Dictionary<string, string>();
        if (route.LoadBalancing is not null)
        {
            options["loadbalancing"] = route.LoadBalancing;
        }

        return new RouteResponse(
            route.Guid, domain.IsTcp ? "tcp" : "http", route.Port, route.CreatedAt, route.UpdatedAt, route.Host, route.Path,
            route.Url(domain),
            [.. route.Destinations.Select(DestinationResponse.From)],
            options,
            MetadataResponse.From(route.Metadata),
            new RouteRelationships(new ToOne(route.SpaceGuid), new ToOne(route.DomainGuid)),
            new Dictionary<string, Link>
            {
                ["self"] = urls.Link(path),
                ["space"] = urls.Link("/v3/spaces/" + route.SpaceGuid),
                ["domain"] = urls.Link("/v3/domains/" + route.DomainGuid),
                ["destinations"] = urls.Link(path + "/destinations"),
            });
    }
}

public sealed record RouteRelationships(ToOne Space, ToOne Domain);

public sealed record DestinationResponse(
    string Guid,
    DestinationApp App,
    int? Weight,
    int Port,
    string Protocol,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static DestinationResponse From(RouteDestination destination) => new(
        destination.Guid, new DestinationApp(destination.AppGuid, new DestinationProcess(destination.ProcessType)),
        destination.Weight, destination.Port, destination.Protocol, destination.CreatedAt, destination.UpdatedAt);
}

public sealed record DestinationApp(string Guid, DestinationProcess Process);

public sealed record DestinationProcess(string Type);
