using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Stacks;

/// <summary>Read-only V2 stacks over the V3 store, visible to every authenticated caller.</summary>
public sealed class V2StacksApi : IFeatureModule
{
    private static readonly string[] Filterable = ["name"];

    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2/stacks");
        group.MapGet("/", List);
        group.MapGet("/{guid}", (string guid, CfContext cf) =>
            CfResults.Ok(V2StackEntity.Resource(cf.Access().World.Find<Stack>(guid) ?? throw CfException.FromCatalogue("StackNotFound", guid))));
    }

    private static IResult List(CfContext cf)
    {
        var world = cf.Access().World;
        var query = V2Query.Parse(cf.Http.Request.Query, Filterable);
        var stacks = query.Select(world.Of<Stack>().All, (stack, filter) => filter.Matches(stack.Name));
        return CfResults.Ok(query.Envelope(stacks, "/v2/stacks", V2StackEntity.Resource));
    }
}
