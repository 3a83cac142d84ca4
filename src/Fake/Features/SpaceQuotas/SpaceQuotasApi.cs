using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.OrganizationQuotas;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.SpaceQuotas;

/// <summary><c>/v3/space_quotas</c>: quotas scoped to an organization, applied to and removed from its spaces.</summary>
public sealed class SpaceQuotasApi : IFeatureModule
{
    public const string DeleteOperation = "space_quota.delete";

    private static readonly ListSpec ListSpec = new() { Filters = ["names", "organization_guids", "space_guids"], OrderBy = ["created_at", "updated_at", "name"], LabelSelector = false };

    private static readonly Dictionary<string, Func<SpaceQuota, IComparable?>> OrderKeys = new() { ["name"] = quota => quota.Name };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<SpaceQuota>("space_quota");
        jobs.Register(DeleteOperation, (transaction, job) => transaction.Remove<SpaceQuota>(job.ResourceGuid!));
        cascade.OnDelete<Organization>((transaction, org) => transaction.RemoveWhere<SpaceQuota>(quota => quota.OrganizationGuid == org.Guid));

        routes.MapGet("/v3/space_quotas", List);
        routes.MapPost("/v3/space_quotas", Create);
        routes.MapGet("/v3/space_quotas/{guid}", Get);
        routes.MapPatch("/v3/space_quotas/{guid}", Update);
        routes.MapDelete("/v3/space_quotas/{guid}", Delete);
        routes.MapPost("/v3/space_quotas/{guid}/relationships/spaces", Apply);
        routes.MapDelete("/v3/space_quotas/{guid}/relationships/spaces/{spaceGuid}", Remove);
    }

    private static IEnumerable<string> SpacesUsing(Access access, string quotaGuid) =>
        access.World.Of<Space>().All.Where(space => space.QuotaGuid == quotaGuid && access.CanReadSpace(space)).Select(space => space.Guid);

    private static bool CanRead(Access access, SpaceQuota quota) =>
        access.ReadsEverything || access.HasOrgRole(quota.OrganizationGuid, RoleTypes.OrganizationManager) || SpacesUsing(access, quota.Guid).Any();

    private static SpaceQuota Visible(Access access, string guid)
    {
        var quota = access.World.Find<SpaceQuota>(guid);
        return quota is not null && CanRead(access, quota) ? quota : throw CfErrors.NotFound("Space quota");
    }

    private static SpaceQuotaResponse Present(Access access, SpaceQuota quota, CfUrls urls) =>
        SpaceQuotaResponse.From(quota, SpacesUsing(access, quota.Guid), urls);

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var quotas = query.Standard(access.World.Of<SpaceQuota>()).Where(quota => CanRead(access, quota));
        quotas = query.Where(quotas, "names", quota => quota.Name);
        quotas = query.Where(quotas, "organization_guids", quota => quota.OrganizationGuid);
        quotas = query.WhereAny(quotas, "space_guids", quota => SpacesUsing(access, quota.Guid));
        return CfResults.Ok(query.Respond(quotas, quota => Present(access, quota, cf.Urls), cf.Urls, "/v3/space_quotas", OrderKeys));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var access = cf.Access();
        return CfResults.Ok(Present(access, Visible(access, guid), cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "apps", "services", "routes", "relationships");
        var name = body.String("name", required: true, maxLength: 250);
        var limits = QuotaLimitsRequest.Read(body, new QuotaLimits(), withDomains: false);
        var relationships = body.Object("relationships", required: true, notObjectMessage: "'relationships' is not an object");
        relationships?.AllowOnly("organization", "spaces");
        var orgGuid = relationships?.ToOne("organization");
        var spaces = relationships?.Object("spaces")?.GuidList() ?? [];
        body.ThrowIfInvalid();
        var org = access.World.Find<Organization>(orgGuid);
        if (org is null || !access.CanReadOrg(org.Guid))
        {
            throw CfErrors.Unprocessable("Organization with guid '" + orgGuid + "' does not exist, or you do not have access to it.");
        }

        access.Require(access.CanManageOrg(org.Guid));
        var quota = cf.Write(transaction =>
        {
            if (transaction.Of<SpaceQuota>().All.Any(existing => existing.OrganizationGuid == org.Guid && existing.Name == name))
            {
                throw CfErrors.Unprocessable($"Space Quota '{name}' already exists.");
            }

            var created = transaction.Put(new SpaceQuota(transaction.NewGuid(), name!, org.Guid, limits, transaction.Now, transaction.Now));
            AssignTo(transaction, access, created, spaces);
            return created;
        });
        return CfResults.Created(Present(cf.Access(), quota, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var current = Visible(access, guid);
        access.Require(access.CanManageOrg(current.OrganizationGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "apps", "services", "routes");
        var name = body.String("name", maxLength: 250);
        var limits = QuotaLimitsRequest.Read(body, current.Limits, withDomains: false);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var quota = transaction.Find<SpaceQuota>(guid) ?? throw CfErrors.NotFound("Space quota");
            if (name is not null && transaction.Of<SpaceQuota>().All.Any(other => other.Guid != guid && other.OrganizationGuid == quota.OrganizationGuid && other.Name == name))
            {
                throw CfErrors.Unprocessable($"Space Quota '{name}' already exists.");
            }

            return transaction.Put(quota with { Name = name ?? quota.Name, Limits = limits, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(access, updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var quota = Visible(access, guid);
        access.Require(access.CanManageOrg(quota.OrganizationGuid));
        var job = cf.Write(transaction =>
        {
            foreach (var space in transaction.Of<Space>().All.Where(space => space.QuotaGuid == guid).ToList())
            {
                transaction.Put(space with { QuotaGuid = null });
            }

            return jobs.Enqueue(transaction, DeleteOperation, "space_quota", guid);
        });
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Apply(string guid, CfContext cf)
    {
        var access = cf.Access();
        var quota = Visible(access, guid);
        access.Require(access.CanManageOrg(quota.OrganizationGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var spaces = body.GuidList();
        body.ThrowIfInvalid();
        cf.Write(transaction => AssignTo(transaction, access, quota, spaces));
        return CfResults.Ok(new
        {
            data = SpacesUsing(cf.Access(), guid).Select(space => new GuidReference(space)),
            links = new { self = cf.Urls.Link($"/v3/space_quotas/{guid}/relationships/spaces") },
        });
    }

    private static IResult Remove(string guid, string spaceGuid, CfContext cf)
    {
        var access = cf.Access();
        var quota = Visible(access, guid);
        access.Require(access.CanManageOrg(quota.OrganizationGuid));
        cf.Write(transaction =>
        {
            var space = transaction.Find<Space>(spaceGuid);
            if (space is null || space.QuotaGuid != guid)
            {
                throw CfErrors.Unprocessable($"Unable to remove quota from space with guid '{spaceGuid}'. Ensure the space quota is applied to this space.");
            }

            transaction.Put(space with { QuotaGuid = null, UpdatedAt = transaction.Now });
        });
        return CfResults.NoContent();
    }

    private static void AssignTo(Transaction transaction, Access access, SpaceQuota quota, IReadOnlyCollection<string> spaceGuids)
    {
        var spaces = spaceGuids.Select(guid => (Guid: guid, Space: transaction.Find<Space>(guid))).ToList();
        var invalid = spaces.Where(pair => pair.Space is null || !access.CanReadSpace(pair.Space)).Select(pair => pair.Guid).ToList();
        if (invalid.Count > 0)
        {
            throw CfErrors.Unprocessable($"Spaces with guids [\"{string.Join("\", \"", invalid)}\"] do not exist, or you do not have access to them.");
        }

        if (spaces.Any(pair => pair.Space!.OrganizationGuid != quota.OrganizationGuid))
        {
            throw CfErrors.Unprocessable("Space quotas cannot be applied outside of their owning organization.");
        }

        foreach (var (_, space) in spaces)
        {
            transaction.Put(space! with { QuotaGuid = quota.Guid, UpdatedAt = transaction.Now });
        }
    }
}
