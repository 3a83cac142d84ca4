using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.OrganizationQuotas;

/// <summary><c>/v3/organization_quotas</c>: CRUD, applying a quota to organizations, async delete.</summary>
public sealed class OrganizationQuotasApi : IFeatureModule
{
    public const string DeleteOperation = "organization_quota.delete";

    private static readonly ListSpec ListSpec = new() { Filters = ["names", "organization_guids"], OrderBy = ["created_at", "updated_at", "name"], LabelSelector = false };

    private static readonly Dictionary<string, Func<OrganizationQuota, IComparable?>> OrderKeys = new() { ["name"] = quota => quota.Name };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<OrganizationQuota>("organization_quota");
        jobs.Register(DeleteOperation, (transaction, job) => transaction.Remove<OrganizationQuota>(job.ResourceGuid!));

        routes.MapGet("/v3/organization_quotas", List);
        routes.MapPost("/v3/organization_quotas", Create);
        routes.MapGet("/v3/organization_quotas/{guid}", Get);
        routes.MapPatch("/v3/organization_quotas/{guid}", Update);
        routes.MapDelete("/v3/organization_quotas/{guid}", Delete);
        routes.MapPost("/v3/organization_quotas/{guid}/relationships/organizations", Apply);
    }

    private static IEnumerable<string> OrganizationsUsing(Access access, string quotaGuid) =>
        access.World.Of<Organization>().All.Where(org => org.QuotaGuid == quotaGuid && access.CanReadOrg(org.Guid)).Select(org => org.Guid);

    private static bool CanRead(Access access, OrganizationQuota quota) => access.ReadsEverything || OrganizationsUsing(access, quota.Guid).Any();

    private static OrganizationQuota Visible(Access access, string guid)
    {
        var quota = access.World.Find<OrganizationQuota>(guid);
        return quota is not null && CanRead(access, quota) ? quota : throw CfErrors.NotFound("Organization quota");
    }

    private static OrganizationQuotaResponse Present(Access access, OrganizationQuota quota, CfUrls urls) =>
        OrganizationQuotaResponse.From(quota, OrganizationsUsing(access, quota.Guid), urls);

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var quotas = query.Standard(access.World.Of<OrganizationQuota>()).Where(quota => CanRead(access, quota));
        quotas = query.Where(quotas, "names", quota => quota.Name);
        quotas = query.WhereAny(quotas, "organization_guids", quota => OrganizationsUsing(access, quota.Guid));
        return CfResults.Ok(query.Respond(quotas, quota => Present(access, quota, cf.Urls), cf.Urls, "/v3/organization_quotas", OrderKeys));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var access = cf.Access();
        return CfResults.Ok(Present(access, Visible(access, guid), cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "apps", "services", "routes", "domains", "relationships");
        var name = body.String("name", required: true, maxLength: 250);
        var limits = QuotaLimitsRequest.Read(body, new QuotaLimits(), withDomains: true);
        var orgs = body.Object("relationships")?.Object("organizations") is { } organizations ? organizations.GuidList() : [];
        body.ThrowIfInvalid();
        var quota = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, name!, except: null);
            var created = transaction.Put(new OrganizationQuota(transaction.NewGuid(), name!, limits, transaction.Now, transaction.Now));
            AssignTo(transaction, created.Guid, orgs);
            return created;
        });
        return CfResults.Created(Present(cf.Access(), quota, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        var current = Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "apps", "services", "routes", "domains");
        var name = body.String("name", maxLength: 250);
        var limits = QuotaLimitsRequest.Read(body, current.Limits, withDomains: true);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, name, except: guid);
            }

            var quota = transaction.Find<OrganizationQuota>(guid) ?? throw CfErrors.NotFound("Organization quota");
            return transaction.Put(quota with { Name = name ?? quota.Name, Limits = limits, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(access, updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        access.RequireAdmin();
        Visible(access, guid);
        if (access.World.Of<Organization>().All.Any(org => org.QuotaGuid == guid))
        {
            throw CfErrors.Unprocessable("This quota is applied to one or more organizations. Apply different quotas to those organizations before deleting.");
        }

        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "organization_quota", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Apply(string guid, CfContext cf)
    {
        var access = cf.Access();
        access.RequireAdmin();
        Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var orgs = body.GuidList();
        body.ThrowIfInvalid();
        cf.Write(transaction => AssignTo(transaction, guid, orgs));
        return CfResults.Ok(new
        {
            data = OrganizationsUsing(cf.Access(), guid).Select(org => new GuidReference(org)),
            links = new { self = cf.Urls.Link($"/v3/organization_quotas/{guid}/relationships/organizations") },
        });
    }

    private static void AssignTo(Transaction transaction, string quotaGuid, IReadOnlyCollection<string> orgGuids)
    {
        var missing = orgGuids.Where(org => transaction.Find<Organization>(org) is null).ToList();
        if (missing.Count > 0)
        {
            throw CfErrors.Unprocessable($"Organizations with guids [\"{string.Join("\", \"", missing)}\"] do not exist");
        }

        foreach (var org in orgGuids.Select(transaction.Find<Organization>).OfType<Organization>())
        {
            transaction.Put(org with { QuotaGuid = quotaGuid, UpdatedAt = transaction.Now });
        }
    }

    private static void EnsureUniqueName(World world, string name, string? except)
    {
        if (world.Of<OrganizationQuota>().All.Any(quota => quota.Guid != except && quota.Name == name))
        {
            throw CfErrors.Unprocessable($"Organization Quota '{name}' already exists.");
        }
    }
}
