using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.OrganizationQuotas;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Routes;

/// <summary><c>/v3/routes</c>: create with Cloud Controller's host/path/port rules, list with every filter, update, delete.</summary>
public sealed class RoutesApi : IFeatureModule
{
    public const string DeleteOperation = "route.delete";
    public const string DeleteUnmappedOperation = "space.delete_unmapped_routes";
    private const int FirstTcpPort = 1024;

    private static readonly string[] IncludeValues = ["domain", "space", "space.organization"];

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["app_guids", "domain_guids", "hosts", "organization_guids", "paths", "ports", "space_guids", "service_instance_guids"],
        Includes = IncludeValues,
    };

    private static readonly ListSpec AppRoutesSpec = new()
    {
        Filters = ["domain_guids", "hosts", "organization_guids", "paths", "ports", "space_guids"],
    };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = IncludeValues };

    public void AddServices(IServiceCollection services) => services.AddSingleton<UsageCounter>(CountUsage);

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<Route>("route");
        jobs.Register(DeleteOperation, (transaction, job) => transaction.Remove<Route>(job.ResourceGuid!));
        jobs.Register(DeleteUnmappedOperation, (transaction, job) =>
            transaction.RemoveWhere<Route>(route => route.SpaceGuid == job.ResourceGuid && route.Destinations.IsEmpty));
        cascade.OnDelete<Space>((transaction, space) => transaction.RemoveWhere<Route>(route => route.SpaceGuid == space.Guid));
        cascade.OnDelete<Domain>((transaction, domain) => transaction.RemoveWhere<Route>(route => route.DomainGuid == domain.Guid));

        routes.MapGet("/v3/routes", List);
        routes.MapPost("/v3/routes", Create);
        routes.MapGet("/v3/routes/{guid}", Get);
        routes.MapPatch("/v3/routes/{guid}", Update);
        routes.MapDelete("/v3/routes/{guid}", Delete);
        routes.MapGet("/v3/apps/{guid}/routes", AppRoutes);
        routes.MapDelete("/v3/spaces/{guid}/routes", DeleteUnmapped);
        routes.MapGet("/v3/domains/{guid}/route_reservations", Reservations);
    }

    public static bool CanRead(Access access, Route route) =>
        access.ReadsEverything || access.CanReadRoutesIn(route.SpaceGuid) || route.SharedSpaceGuids.Any(access.CanReadRoutesIn);

    public static Route Visible(Access access, string guid)
    {
        var route = access.World.Find<Route>(guid);
        return route is not null && CanRead(access, route) ? route : throw CfErrors.NotFound("Route");
    }

    public static RouteResponse Present(Route route, World world, CfUrls urls) =>
        RouteResponse.From(route, world.Find<Domain>(route.DomainGuid)!, urls);

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var routes = Filter(query, access.World, access.World.Of<Route>().All.Where(route => CanRead(access, route)));
        routes = query.WhereAny(routes, "app_guids", route => route.Destinations.Select(destination => destination.AppGuid));
        routes = query.Values("service_instance_guids") is { Count: > 0 } ? [] : routes;
        var selected = routes.ToList();
        return CfResults.Ok(query.Respond(selected, route => Present(route, access.World, cf.Urls), cf.Urls, "/v3/routes",
            included: Included(query, access.World, selected, cf.Urls)));
    }

    private static IResult AppRoutes(string guid, CfContext cf, AppDirectory apps)
    {
        var query = ListQuery.Parse(cf.Http.Request, AppRoutesSpec);
        var access = cf.Access();
        var appSpace = apps.SpaceOf(access.World, guid);
        if (appSpace is null || !access.CanReadSpace(appSpace))
        {
            throw CfErrors.NotFound("App");
        }

        var routes = access.World.Of<Route>().All.Where(route => route.Destinations.Any(destination => destination.AppGuid == guid));
        return CfResults.Ok(query.Respond(Filter(query, access.World, routes), route => Present(route, access.World, cf.Urls), cf.Urls, $"/v3/apps/{guid}/routes"));
    }

    private static IEnumerable<Route> Filter(ListQuery query, World world, IEnumerable<Route> routes)
    {
        routes = query.Standard(routes);
        routes = query.Where(routes, "domain_guids", route => route.DomainGuid);
        routes = query.Where(routes, "hosts", route => route.Host);
        routes = query.Where(routes, "paths", route => route.Path);
        routes = query.Where(routes, "ports", route => route.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        routes = query.Where(routes, "space_guids", route => route.SpaceGuid);
        return query.Where(routes, "organization_guids", route => world.Find<Space>(route.SpaceGuid)?.OrganizationGuid);
    }

    private static Dictionary<string, IReadOnlyList<object>>? Included(ListQuery query, World world, IReadOnlyCollection<Route> routes, CfUrls urls)
    {
        if (query.Includes.Count == 0)
        {
            return null;
        }

        var included = new Dictionary<string, IReadOnlyList<object>>();
        var spaceGuids = routes.Select(route => route.SpaceGuid).ToList();
        if (query.IsIncluded("domain"))
        {
            included["domains"] = [.. routes.Select(route => route.DomainGuid).Distinct().Select(world.Find<Domain>).OfType<Domain>()
                .Select(domain => (object)DomainResponse.From(domain, urls, _ => true))];
        }

        if (query.IsIncluded("space") || query.IsIncluded("space.organization"))
        {
            included["spaces"] = Spaces.Included.Spaces(world, spaceGuids, urls);
        }

        if (query.IsIncluded("space.organization"))
        {
            included["organizations"] = Spaces.Included.OrganizationsOfSpaces(world, spaceGuids, urls);
        }

        return included;
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, GetSpec);
        var access = cf.Access();
        var route = Visible(access, guid);
        return CfResults.Ok(Present(route, access.World, cf.Urls), Included(query, access.World, [route], cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        if (!access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "route_creation"))
        {
            throw CfErrors.FeatureDisabled("route_creation");
        }

        var request = RouteRequest.Read(await RequestBody.ReadAsync(cf.Http.Request));
        var world = access.World;
        var space = world.Find<Space>(request.SpaceGuid);
        if (space is null || !access.CanReadSpace(space))
        {
            throw CfErrors.Unprocessable("Invalid space. Ensure that the space exists and you have access to it.");
        }

        var domain = world.Find<Domain>(request.DomainGuid);
        if (domain is null || !DomainsApi.CanRead(access, domain))
        {
            throw CfErrors.Unprocessable("Invalid domain. Ensure that the domain exists and you have access to it.");
        }

        access.Require(access.CanManageAppsInSpace(space.Guid));
        if (domain.IsShared && request.Host == "*" && !access.IsAdmin)
        {
            throw CfErrors.Unprocessable("You do not have sufficient permissions to create a route with a wildcard host on a domain not scoped to an organization.");
        }

        var route = cf.Write(transaction =>
        {
            var org = transaction.Find<Organization>(space.OrganizationGuid)!;
            var port = ValidateAgainstDomain(transaction.World, request, domain, org);
            EnsureUnique(transaction.World, request, port, domain);
            EnsureQuota(transaction.World, org);
            return transaction.Put(new Route(
                transaction.NewGuid(), request.Host, request.Path, port, domain.Guid, space.Guid, [], [], request.LoadBalancing,
                ResourceMetadata.Empty.Apply(request.Metadata), transaction.Now, transaction.Now));
        });
        return CfResults.Created(Present(route, cf.World, cf.Urls));
    }

    private static int? ValidateAgainstDomain(World world, RouteRequest request, Domain domain, Organization org)
    {
        if (!domain.IsUsableBy(org.Guid))
        {
            throw CfErrors.Unprocessable($"Invalid domain. Domain '{domain.Name}' is not available in organization '{org.Name}'.");
        }

        if (domain.IsTcp)
        {
            if (request.Host.Length > 0)
            {
                throw CfErrors.Unprocessable("Hosts are not supported for TCP routes.");
            }

            if (request.Path.Length > 0)
            {
                throw CfErrors.Unprocessable("Paths are not supported for TCP routes.");
            }

            return request.Port ?? NextFreePort(world, domain);
        }

        if (request.Port is not null)
        {
            throw CfErrors.Unprocessable("Routes with protocol 'http' do not support ports.");
        }

        if (domain.Internal && request.Path.Length > 0)
        {
            throw CfErrors.Unprocessable("Paths are not supported for internal domains.");
        }

        if (domain.Internal && request.Host == "*")
        {
            throw CfErrors.Unprocessable("Wildcard hosts are not supported for internal domains.");
        }

        if (domain.IsShared && request.Host.Length == 0)
        {
            throw CfErrors.Unprocessable("Missing host. Routes in shared domains must have a host defined.");
        }

        if (request.Host.Length > 0 && world.Of<Domain>().All.Any(other => string.Equals(other.Name, $"{request.Host}.{domain.Name}", StringComparison.OrdinalIgnoreCase)))
        {
            throw CfErrors.Unprocessable($"Route conflicts with domain '{request.Host}.{domain.Name}'.");
        }

        return null;
    }

    private static int NextFreePort(World world, Domain domain)
    {
        var taken = world.Of<Route>().All.Where(route => route.DomainGuid == domain.Guid && route.Port is not null).Select(route => route.Port!.Value).ToHashSet();
        return Enumerable.Range(FirstTcpPort, 65536 - FirstTcpPort).FirstOrDefault(port => !taken.Contains(port), -1) is var free and >= 0
            ? free
            : throw CfErrors.Unprocessable("There are no more ports available for this domain.");
    }

    private static void EnsureUnique(World world, RouteRequest request, int? port, Domain domain)
    {
        var existing = world.Of<Route>().All.Any(route =>
            route.DomainGuid == domain.Guid && route.Port == port &&
            string.Equals(route.Host, request.Host, StringComparison.OrdinalIgnoreCase) && route.Path == request.Path);
        if (!existing)
        {
            return;
        }

        throw CfErrors.Unprocessable((request.Host, request.Path, port) switch
        {
            (_, _, { } taken) => $"Route already exists with port '{taken}' for domain '{domain.Name}'.",
            ("", "", _) => $"Route already exists for domain '{domain.Name}'.",
            ("", var path, _) => $"Route already exists with path '{path}' for domain '{domain.Name}'.",
            (var host, "", _) => $"Route already exists with host '{host}' for domain '{domain.Name}'.",
            var (host, path, _) => $"Route already exists with host '{host}' and path '{path}' for domain '{domain.Name}'.",
        });
    }

    private static void EnsureQuota(World world, Organization org)
    {
        if (world.Find<OrganizationQuota>(org.QuotaGuid)?.Limits.TotalRoutes is not { } limit)
        {
            return;
        }

        var spaces = world.Of<Space>().All.Where(space => space.OrganizationGuid == org.Guid).Select(space => space.Guid).ToHashSet();
        if (world.Of<Route>().All.Count(route => spaces.Contains(route.SpaceGuid)) >= limit)
        {
            throw CfErrors.Unprocessable($"Routes quota exceeded for organization '{org.Name}'.");
        }
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var route = Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("options", "metadata");
        var loadBalancing = RouteRequest.ReadOptions(body);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            return transaction.Put(current with
            {
                LoadBalancing = loadBalancing ?? current.LoadBalancing,
                Metadata = current.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(Present(updated, cf.World, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var route = Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "route", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static IResult DeleteUnmapped(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var unmapped = cf.Http.Request.Query["unmapped"].ToString();
        if (unmapped.Length == 0)
        {
            throw CfErrors.Unprocessable("Mass delete not supported for routes. Use 'unmapped=true' parameter to delete all unmapped routes.");
        }

        if (unmapped is not ("true" or "false"))
        {
            throw CfErrors.Unprocessable("Unmapped must be a boolean");
        }

        if (unmapped == "false")
        {
            throw CfErrors.Unprocessable("Mass delete not supported for mapped routes. Use 'unmapped=true' parameter to delete all unmapped routes.");
        }

        var space = SpacesApi.Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(space.Guid));
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteUnmappedOperation, "space", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static IResult Reservations(string guid, CfContext cf)
    {
        var access = cf.Access();
        var domain = DomainsApi.Visible(access, guid);
        var host = cf.Http.Request.Query["host"].ToString();
        var path = cf.Http.Request.Query["path"].ToString();
        int? port = int.TryParse(cf.Http.Request.Query["port"], out var parsed) ? parsed : null;
        var matching = access.World.Of<Route>().All.Any(route =>
            route.DomainGuid == domain.Guid && string.Equals(route.Host, host, StringComparison.OrdinalIgnoreCase) &&
            route.Path == path && route.Port == port);
        return CfResults.Ok(new { matching_route = matching });
    }

    private static UsageSummary CountUsage(World world, UsageScope scope)
    {
        var spaces = world.Of<Space>().All
            .Where(space => (scope.OrganizationGuid is null || space.OrganizationGuid == scope.OrganizationGuid) &&
                            (scope.SpaceGuid is null || space.Guid == scope.SpaceGuid))
            .Select(space => space.Guid)
            .ToHashSet();
        var routes = world.Of<Route>().All.Where(route => spaces.Contains(route.SpaceGuid)).ToList();
        var domains = scope.OrganizationGuid is null
            ? world.Of<Domain>().All.Count()
            : world.Of<Domain>().All.Count(domain => domain.OrganizationGuid == scope.OrganizationGuid);
        return new UsageSummary(Routes: routes.Count, ReservedPorts: routes.Count(route => route.Port is not null), Domains: scope.SpaceGuid is null ? domains : 0);
    }
}
