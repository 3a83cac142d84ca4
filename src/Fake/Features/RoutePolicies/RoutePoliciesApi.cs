using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.Routes;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.RoutePolicies;

/// <summary>
/// Route policies: create (only on routes of domains that enforce them, within the domain's scope), list with
/// filters and <c>include=route,source</c>, read, metadata, delete. Deleting a route deletes its policies.
/// </summary>
public sealed partial class RoutePoliciesApi : IFeatureModule
{
    private const string SourceFormat = "must be in format 'cf:app:<uuid>', 'cf:space:<uuid>', 'cf:org:<uuid>', or 'cf:any'";

    private static readonly ListSpec ListSpec = new() { Filters = ["route_guids", "space_guids", "sources", "source_guids"], Includes = ["source", "route"] };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = ["source", "route"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<DeletionCascade>().OnDelete<Route>((transaction, route) => transaction.RemoveWhere<RoutePolicy>(policy => policy.RouteGuid == route.Guid));
        routes.MapGet("/v3/route_policies", List);
        routes.MapPost("/v3/route_policies", Create);
        routes.MapGet("/v3/route_policies/{guid}", (string guid, CfContext cf) =>
        {
            var query = ListQuery.Parse(cf.Http.Request, GetSpec);
            var policy = Visible(cf.Access(), guid);
            return CfResults.Ok(RoutePolicyResponse.From(policy, cf.Urls), Included(query, cf.World, [policy], cf.Urls));
        });
        routes.MapPatch("/v3/route_policies/{guid}", async (string guid, CfContext cf) =>
        {
            Writable(cf.Access(), guid);
            var updated = await MetadataPatch.ApplyAsync<RoutePolicy>(cf, guid, "Route policy", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
            return CfResults.Ok(RoutePolicyResponse.From(updated, cf.Urls));
        });
        routes.MapDelete("/v3/route_policies/{guid}", (string guid, CfContext cf) =>
        {
            Writable(cf.Access(), guid);
            cf.Write(transaction => transaction.Remove<RoutePolicy>(guid));
            return CfResults.NoContent();
        });
    }

    private static RoutePolicy Visible(Access access, string guid) =>
        access.World.Find<RoutePolicy>(guid) is { } policy && access.World.Find<Route>(policy.RouteGuid) is { } route && access.CanReadSpace(route.SpaceGuid)
            ? policy
            : throw CfErrors.NotFound("Route policy");

    private static void Writable(Access access, string guid)
    {
        var policy = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<Route>(policy.RouteGuid)!.SpaceGuid));
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        if ((query.Values("sources") ?? []).Any(source => !SourcePattern().IsMatch(source)))
        {
            throw CfErrors.BadQuery($"Sources {SourceFormat}");
        }

        var access = cf.Access();
        var world = access.World;
        var policies = query.Standard(world.Of<RoutePolicy>()).Where(policy => world.Find<Route>(policy.RouteGuid) is { } route && access.CanReadSpace(route.SpaceGuid));
        policies = query.Where(policies, "route_guids", policy => policy.RouteGuid);
        policies = query.Where(policies, "space_guids", policy => world.Find<Route>(policy.RouteGuid)?.SpaceGuid);
        policies = query.Where(policies, "sources", policy => policy.Source);
        policies = query.Where(policies, "source_guids", policy => policy.SourceGuid);
        var selected = policies.ToList();
        return CfResults.Ok(query.Respond(selected, policy => RoutePolicyResponse.From(policy, cf.Urls), cf.Urls, "/v3/route_policies", included: Included(query, world, selected, cf.Urls)));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("source", "relationships", "metadata");
        var source = body.String("source", required: true);
        if (source is not null && !SourcePattern().IsMatch(source))
        {
            body.AddError("source", SourceFormat);
        }

        var routeGuid = body.ToOneRelationship("route");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var route = access.World.Find<Route>(routeGuid);
        if (route is null || !access.CanReadSpace(route.SpaceGuid))
        {
            throw CfErrors.NotFound("Route");
        }

        access.Require(access.CanWriteToSpace(route.SpaceGuid));
        var domain = access.World.Find<Domain>(route.DomainGuid)!;
        if (domain.Internal)
        {
            throw CfErrors.Unprocessable("Cannot create route policies for routes on internal domains. Internal routes use container-to-container networking and bypass GoRouter.");
        }

        if (!domain.EnforcesRoutePolicies)
        {
            throw CfErrors.Unprocessable($"Cannot create route policies for route '{route.Guid}': the route's domain does not have enforce_route_policies enabled.");
        }

        if (domain.RoutePoliciesScope == "space" && source!.StartsWith("cf:org:", StringComparison.Ordinal))
        {
            throw CfErrors.Unprocessable($"Source '{source}' is not allowed: domain's route_policies_scope is 'space'.");
        }

        var policy = cf.Write(transaction =>
        {
            if (transaction.Of<RoutePolicy>().All.Any(existing => existing.RouteGuid == route.Guid && existing.Source == source))
            {
                throw CfErrors.Unprocessable($"A route policy with source '{source}' already exists for this route.");
            }

            return transaction.Put(new RoutePolicy(transaction.NewGuid(), route.Guid, source!, ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
        });
        return CfResults.Created(RoutePolicyResponse.From(policy, cf.Urls));
    }

    private static Dictionary<string, IReadOnlyList<object>>? Included(ListQuery query, World world, IReadOnlyCollection<RoutePolicy> policies, CfUrls urls)
    {
        if (query.Includes.Count == 0)
        {
            return null;
        }

        var included = new Dictionary<string, IReadOnlyList<object>>();
        if (query.IsIncluded("route"))
        {
            included["routes"] = [.. policies.Select(policy => policy.RouteGuid).Distinct().Select(world.Find<Route>).OfType<Route>().Select(route => (object)RoutesApi.Present(route, world, urls))];
        }

        if (query.IsIncluded("source"))
        {
            included["apps"] = [.. SourceGuids(policies, "app").Select(world.Find<App>).OfType<App>().Select(app => (object)AppResponse.From(app, urls))];
            included["spaces"] = Spaces.Included.Spaces(world, SourceGuids(policies, "space"), urls);
            included["organizations"] = Spaces.Included.Organizations(world, SourceGuids(policies, "org"), urls);
        }

        return included;
    }

    private static IEnumerable<string?> SourceGuids(IEnumerable<RoutePolicy> policies, string type) =>
        policies.Where(policy => policy.SourceType == type).Select(policy => policy.SourceGuid).Distinct();

    [GeneratedRegex("^(cf:(app|space|org):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|cf:any)$")]
    private static partial Regex SourcePattern();
}
