using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Spaces;

/// <summary><c>/v3/spaces</c>: create, read, list (with <c>include=organization</c>), update, delete (async), usage summary.</summary>
public sealed class SpacesApi : IFeatureModule
{
    public const string DeleteOperation = "space.delete";

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["names", "organization_guids"],
        OrderBy = ["created_at", "updated_at", "name"],
        Includes = ["organization"],
    };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = ["organization"] };

    private static readonly Dictionary<string, Func<Space, IComparable?>> OrderKeys = new() { ["name"] = space => space.Name };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<Space>("space");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            if (transaction.Find<Space>(job.ResourceGuid) is { } space)
            {
                cascade.Delete(transaction, space);
            }
        });
        cascade.OnDelete<Organization>((transaction, org) =>
        {
            foreach (var space in transaction.Of<Space>().All.Where(space => space.OrganizationGuid == org.Guid).ToList())
            {
                cascade.Delete(transaction, space);
            }
        });

        var group = routes.MapGroup("/v3/spaces");
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{guid}", Get);
        group.MapPatch("/{guid}", Update);
        group.MapDelete("/{guid}", Delete);
        group.MapGet("/{guid}/usage_summary", UsageSummary);
    }

    /// <summary>The space if the caller may read it; otherwise 404 "Space not found".</summary>
    public static Space Visible(Access access, string guid)
    {
        var space = access.World.Find<Space>(guid);
        return space is not null && access.CanReadSpace(space) ? space : throw CfErrors.NotFound("Space");
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var spaces = access.World.Of<Space>().All.Where(access.CanReadSpace);
        spaces = query.Where(query.Standard(spaces), "names", space => space.Name);
        spaces = query.Where(spaces, "organization_guids", space => space.OrganizationGuid).ToList();
        var included = query.IsIncluded("organization") ? IncludedOrganizations(access.World, spaces, cf.Urls) : null;
        return CfResults.Ok(query.Respond(spaces, space => SpaceResponse.From(space, cf.Urls), cf.Urls, "/v3/spaces", OrderKeys, included));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, GetSpec);
        var access = cf.Access();
        var space = Visible(access, guid);
        var response = SpaceResponse.From(space, cf.Urls);
        return CfResults.Ok(response, query.IsIncluded("organization") ? IncludedOrganizations(access.World, [space], cf.Urls) : null);
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "relationships", "suspended", "metadata");
        var name = body.String("name", required: true, maxLength: 255);
        var orgGuid = body.ToOneRelationship("organization");
        var suspended = body.Boolean("suspended");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var org = access.World.Find<Organization>(orgGuid);
        if (org is null || !access.CanReadOrg(org.Guid))
        {
            throw CfErrors.Unprocessable("Invalid organization. Ensure the organization exists and you have access to it.");
        }

        access.Require(access.CanManageOrg(org.Guid) && (access.IsAdmin || !org.Suspended));
        access.Require(suspended is not true || access.CanManageOrg(org.Guid));
        var space = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, org.Guid, name!, except: null);
            return transaction.Put(new Space(
                transaction.NewGuid(), name!, org.Guid, suspended ?? false, null, null, true,
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
        });
        return CfResults.Created(SpaceResponse.From(space, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var space = Visible(access, guid);
        access.Require(access.CanManageSpace(space));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "suspended", "metadata");
        var name = body.String("name", maxLength: 255);
        var suspended = body.Boolean("suspended");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        access.Require(suspended is null || access.CanManageOrg(space.OrganizationGuid));
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Space>(guid) ?? throw CfErrors.NotFound("Space");
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, current.OrganizationGuid, name, except: guid);
            }

            return transaction.Put(current with
            {
                Name = name ?? current.Name,
                Suspended = suspended ?? current.Suspended,
                Metadata = current.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(SpaceResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var space = Visible(access, guid);
        access.Require(access.CanManageOrg(space.OrganizationGuid));
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "space", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static IResult UsageSummary(string guid, CfContext cf, UsageSummaries summaries)
    {
        var space = Visible(cf.Access(), guid);
        var usage = summaries.Space(cf.World, space.Guid) with { Domains = summaries.Organization(cf.World, space.OrganizationGuid).Domains };
        return CfResults.Ok(new
        {
            usage_summary = usage,
            links = new
            {
                self = cf.Urls.Link($"/v3/spaces/{space.Guid}/usage_summary"),
                space = cf.Urls.Link("/v3/spaces/" + space.Guid),
            },
        });
    }

    private static Dictionary<string, IReadOnlyList<object>> IncludedOrganizations(World world, IEnumerable<Space> spaces, CfUrls urls) =>
        new() { ["organizations"] = Included.Organizations(world, spaces.Select(space => space.OrganizationGuid), urls) };

    private static void EnsureUniqueName(World world, string orgGuid, string name, string? except)
    {
        if (world.Of<Space>().All.Any(space => space.OrganizationGuid == orgGuid && space.Guid != except &&
                                                 string.Equals(space.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CfErrors.Unprocessable("Name must be unique per organization");
        }
    }
}
