using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.IsolationSegments;

/// <summary><c>/v3/isolation_segments</c>, their organization entitlements and the organization's default segment.</summary>
public sealed class IsolationSegmentsApi : IFeatureModule
{
    public const string SharedSegmentName = "shared";

    private static readonly ListSpec ListSpec = new() { Filters = ["names", "organization_guids"], OrderBy = ["created_at", "updated_at", "name"] };

    private static readonly ListSpec OrganizationsSpec = new() { Filters = ["names"], LabelSelector = false };

    private static readonly Dictionary<string, Func<IsolationSegment, IComparable?>> OrderKeys = new() { ["name"] = segment => segment.Name };

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(transaction =>
        transaction.Put(new IsolationSegment(transaction.NamedGuid("isolation_segment/shared"), SharedSegmentName, [], ResourceMetadata.Empty, transaction.Now, transaction.Now)));

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<IsolationSegmentEntitlements>().Use((world, org, segment) =>
            world.Find<IsolationSegment>(segment)?.OrganizationGuids.Contains(org) == true);
        routes.ServiceProvider.GetRequiredService<DeletionCascade>().OnDelete<Organization>((transaction, org) =>
        {
            foreach (var segment in transaction.Of<IsolationSegment>().All.Where(segment => segment.OrganizationGuids.Contains(org.Guid)).ToList())
            {
                transaction.Put(segment with { OrganizationGuids = segment.OrganizationGuids.Remove(org.Guid) });
            }
        });

        var group = routes.MapGroup("/v3/isolation_segments");
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{guid}", (string guid, CfContext cf) => CfResults.Ok(IsolationSegmentResponse.From(Visible(cf.Access(), guid), cf.Urls)));
        group.MapPatch("/{guid}", Update);
        group.MapDelete("/{guid}", Delete);
        group.MapGet("/{guid}/relationships/organizations", Organizations);
        group.MapPost("/{guid}/relationships/organizations", Entitle);
        group.MapDelete("/{guid}/relationships/organizations/{orgGuid}", Revoke);
        group.MapGet("/{guid}/relationships/spaces", Spaces);
        group.MapGet("/{guid}/organizations", EntitledOrganizations);
        routes.MapGet("/v3/organizations/{guid}/relationships/default_isolation_segment", DefaultSegment);
        routes.MapPatch("/v3/organizations/{guid}/relationships/default_isolation_segment", SetDefaultSegment);
    }

    private static bool CanRead(Access access, IsolationSegment segment) =>
        access.ReadsEverything || segment.OrganizationGuids.Any(access.CanReadOrg);

    private static IsolationSegment Visible(Access access, string guid)
    {
        var segment = access.World.Find<IsolationSegment>(guid);
        return segment is not null && CanRead(access, segment) ? segment : throw CfErrors.NotFound("Isolation segment");
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var segments = query.Where(query.Standard(access.World.Of<IsolationSegment>()).Where(segment => CanRead(access, segment)), "names", segment => segment.Name);
        segments = query.WhereAny(segments, "organization_guids", segment => segment.OrganizationGuids);
        return CfResults.Ok(query.Respond(segments, segment => IsolationSegmentResponse.From(segment, cf.Urls), cf.Urls, "/v3/isolation_segments", OrderKeys));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "metadata");
        var name = body.String("name", required: true);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var segment = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, name!, except: null);
            return transaction.Put(new IsolationSegment(transaction.NewGuid(), name!, [], ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
        });
        return CfResults.Created(IsolationSegmentResponse.From(segment, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "metadata");
        var name = body.String("name");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var segment = transaction.Find<IsolationSegment>(guid) ?? throw CfErrors.NotFound("Isolation segment");
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, name, except: guid);
            }

            return transaction.Put(segment with { Name = name ?? segment.Name, Metadata = segment.Metadata.Apply(metadata), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(IsolationSegmentResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        var segment = Visible(access, guid);
        if (!segment.OrganizationGuids.IsEmpty)
        {
            throw CfErrors.Unprocessable($"Revoke the Organization entitlements for your Isolation Segment.");
        }

        cf.Write(transaction => transaction.Remove<IsolationSegment>(guid));
        return CfResults.NoContent();
    }

    private static IResult Organizations(string guid, CfContext cf)
    {
        var access = cf.Access();
        var segment = Visible(access, guid);
        return CfResults.Ok(new
        {
            data = segment.OrganizationGuids.Where(org => access.ReadsEverything || access.CanReadOrg(org)).Select(org => new GuidReference(org)),
            links = new
            {
                self = cf.Urls.Link($"/v3/isolation_segments/{guid}/relationships/organizations"),
                related = cf.Urls.Link($"/v3/isolation_segments/{guid}/organizations"),
            },
        });
    }

    private static IResult EntitledOrganizations(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, OrganizationsSpec);
        var access = cf.Access();
        var segment = Visible(access, guid);
        var orgs = query.Standard(access.World.Of<Organization>()).Where(org => segment.OrganizationGuids.Contains(org.Guid) && access.CanReadOrg(org.Guid));
        orgs = query.Where(orgs, "names", org => org.Name);
        return CfResults.Ok(query.Respond(orgs, org => OrganizationResponse.From(org, cf.Urls), cf.Urls, $"/v3/isolation_segments/{guid}/organizations"));
    }

    private static IResult Spaces(string guid, CfContext cf)
    {
        var access = cf.Access();
        var segment = Visible(access, guid);
        return CfResults.Ok(new
        {
            data = access.World.Of<Space>().All.Where(space => space.IsolationSegmentGuid == segment.Guid && access.CanReadSpace(space)).Select(space => new GuidReference(space.Guid)),
            links = new { self = cf.Urls.Link($"/v3/isolation_segments/{guid}/relationships/spaces") },
        });
    }

    private static async Task<IResult> Entitle(string guid, CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var orgs = body.GuidList();
        body.ThrowIfInvalid();
        cf.Write(transaction =>
        {
            var missing = orgs.Where(org => transaction.Find<Organization>(org) is null).ToList();
            if (missing.Count > 0)
            {
                throw CfErrors.Unprocessable($"Unable to entitle organizations [{string.Join(", ", missing)}] for the isolation segment. Ensure the organizations exist.");
            }

            var segment = transaction.Find<IsolationSegment>(guid) ?? throw CfErrors.NotFound("Isolation segment");
            transaction.Put(segment with { OrganizationGuids = segment.OrganizationGuids.Union(orgs), UpdatedAt = transaction.Now });
        });
        return Organizations(guid, cf);
    }

    private static IResult Revoke(string guid, string orgGuid, CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        Visible(access, guid);
        cf.Write(transaction =>
        {
            var org = transaction.Find<Organization>(orgGuid) ?? throw CfErrors.NotFound("Organization");
            if (org.DefaultIsolationSegmentGuid == guid ||
                transaction.Of<Space>().All.Any(space => space.OrganizationGuid == org.Guid && space.IsolationSegmentGuid == guid))
            {
                throw CfErrors.Unprocessable($"Cannot remove the entitlement of isolation segment '{guid}' from organization '{org.Name}' while it is in use.");
            }

            var segment = transaction.Find<IsolationSegment>(guid) ?? throw CfErrors.NotFound("Isolation segment");
            transaction.Put(segment with { OrganizationGuids = segment.OrganizationGuids.Remove(orgGuid), UpdatedAt = transaction.Now });
        });
        return CfResults.NoContent();
    }

    private static IResult DefaultSegment(string guid, CfContext cf) => CfResults.Ok(PresentDefault(OrganizationsApi.Visible(cf, guid), cf.Urls));

    private static async Task<IResult> SetDefaultSegment(string guid, CfContext cf)
    {
        var access = cf.Access();
        OrganizationsApi.Visible(cf, guid);
        access.Require(access.CanManageOrg(guid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        if (!body.Has("data"))
        {
            body.AddError("data", "can't be blank");
        }

        var segmentGuid = body.IsNull("data") ? null : body.Object("data")?.String("guid", required: true);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var org = transaction.Find<Organization>(guid) ?? throw CfErrors.NotFound("Organization");
            if (segmentGuid is not null && transaction.Find<IsolationSegment>(segmentGuid)?.OrganizationGuids.Contains(org.Guid) != true)
            {
                throw CfErrors.Unprocessable($"Unable to assign isolation segment with guid '{segmentGuid}'. Ensure it has been entitled to this organization.");
            }

            return transaction.Put(org with { DefaultIsolationSegmentGuid = segmentGuid, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(PresentDefault(updated, cf.Urls));
    }

    private static object PresentDefault(Organization org, CfUrls urls)
    {
        var self = urls.Link($"/v3/organizations/{org.Guid}/relationships/default_isolation_segment");
        return org.DefaultIsolationSegmentGuid is null
            ? new { data = (GuidReference?)null, links = new Dictionary<string, Link> { ["self"] = self } }
            : new
            {
                data = (GuidReference?)new GuidReference(org.DefaultIsolationSegmentGuid),
                links = new Dictionary<string, Link> { ["self"] = self, ["related"] = urls.Link("/v3/isolation_segments/" + org.DefaultIsolationSegmentGuid) },
            };
    }

    private static void EnsureUniqueName(World world, string name, string? except)
    {
        if (world.Of<IsolationSegment>().All.Any(segment => segment.Guid != except && string.Equals(segment.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CfErrors.Unprocessable("Isolation Segment names are case insensitive and must be unique");
        }
    }
}
