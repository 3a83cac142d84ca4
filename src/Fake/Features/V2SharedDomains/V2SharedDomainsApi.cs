using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2SharedDomains;

/// <summary>
/// Read-only V2 shared domains (the V3 domains without an owning organization), visible to every authenticated caller;
/// the guid of a private domain is not found here, as in V2.
/// </summary>
public sealed class V2SharedDomainsApi : IFeatureModule
{
    private static readonly string[] Filterable = ["name"];

    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2/shared_domains");
        group.MapGet("/", List);
        group.MapGet("/{guid}", (string guid, CfContext cf) =>
            CfResults.Ok(Resource(cf.Access().World.Find<Domain>(guid) is { IsShared: true } domain ? domain : throw CfException.FromCatalogue("DomainNotFound", guid))));
    }

    private static IResult List(CfContext cf)
    {
        var world = cf.Access().World;
        var query = V2Query.Parse(cf.Http.Request.Query, Filterable);
        var domains = query.Select(world.Of<Domain>().All.Where(domain => domain.IsShared), (domain, filter) => filter.Matches(domain.Name));
        return CfResults.Ok(query.Envelope(domains, "/v2/shared_domains", Resource));
    }

    private static Dictionary<string, object?> Resource(Domain domain) => V2Resource.Of(domain.Guid, "/v2/shared_domains/", domain.CreatedAt, domain.UpdatedAt, new Dictionary<string, object?>
    {
        ["name"] = domain.Name,
        ["internal"] = domain.Internal,
        ["router_group_guid"] = domain.RouterGroupGuid,
        ["router_group_type"] = domain.IsTcp ? "tcp" : null,
    });
}
