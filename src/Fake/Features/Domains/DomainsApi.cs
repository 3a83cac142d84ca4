using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Domains;

/// <summary><c>/v3/domains</c>, organization domains and domain sharing.</summary>
public sealed class DomainsApi : IFeatureModule
{
    public const string DeleteOperation = "domain.delete";

    private static readonly ListSpec ListSpec = new() { Filters = ["names", "organization_guids"] };

    public void AddServices(IServiceCollection services) =>
        services.AddSingleton(provider => DomainSeed.For(provider.GetRequiredService<FakeOptions>()));

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<Domain>("domain");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            if (transaction.Find<Domain>(job.ResourceGuid) is { } domain)
            {
                cascade.Delete(transaction, domain);
            }
        });
        cascade.OnDelete<Organization>((transaction, org) =>
        {
            foreach (var domain in transaction.Of<Domain>().All.Where(domain => domain.OrganizationGuid == org.Guid).ToList())
            {
                cascade.Delete(transaction, domain);
            }

            foreach (var shared in transaction.Of<Domain>().All.Where(domain => domain.SharedOrganizationGuids.Contains(org.Guid)).ToList())
            {
                transaction.Put(shared with { SharedOrganizationGuids = shared.SharedOrganizationGuids.Remove(org.Guid) });
            }
        });

        routes.MapGet("/v3/domains", List);
        routes.MapPost("/v3/domains", Create);
        routes.MapGet("/v3/domains/{guid}", Get);
        routes.MapPatch("/v3/domains/{guid}", Update);
        routes.MapDelete("/v3/domains/{guid}", Delete);
        routes.MapPost("/v3/domains/{guid}/relationships/shared_organizations", Share);
        routes.MapDelete("/v3/domains/{guid}/relationships/shared_organizations/{orgGuid}", Unshare);
        routes.MapGet("/v3/organizations/{guid}/domains", OrganizationDomains);
        routes.MapGet("/v3/organizations/{guid}/domains/default", DefaultDomain);
    }

    public static bool CanRead(Access access, Domain domain) =>
        domain.IsShared || access.ReadsEverything || access.CanReadOrg(domain.OrganizationGuid!) ||
        domain.SharedOrganizationGuids.Any(access.CanReadOrg);

    public static Domain Visible(Access access, string guid)
    {
        var domain = access.World.Find<Domain>(guid);
        return domain is not null && CanRead(access, domain) ? domain : throw CfErrors.NotFound("Domain");
    }

    public static DomainResponse Present(Domain domain, Access access, CfUrls urls) =>
        DomainResponse.From(domain, urls, org => access.ReadsEverything || access.CanReadOrg(org));

    private static IResult List(CfContext cf) => Respond(cf, domain => true, "/v3/domains");

    private static IResult OrganizationDomains(string guid, CfContext cf)
    {
        var org = OrganizationsApi.Visible(cf, guid);
        return Respond(cf, domain => domain.IsUsableBy(org.Guid), $"/v3/organizations/{org.Guid}/domains");
    }

    private static IResult Respond(CfContext cf, Func<Domain, bool> scope, string path)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var domains = access.World.Of<Domain>().All.Where(domain => scope(domain) && CanRead(access, domain));
        domains = query.Where(query.Standard(domains), "names", domain => domain.Name);
        domains = query.Where(domains, "organization_guids", domain => domain.OrganizationGuid);
        return CfResults.Ok(query.Respond(domains, domain => Present(domain, access, cf.Urls), cf.Urls, path));
    }

    private static IResult DefaultDomain(string guid, CfContext cf)
    {
        var org = OrganizationsApi.Visible(cf, guid);
        var access = cf.Access();
        var domains = access.World.Of<Domain>().All.Where(domain => !domain.Internal && domain.IsUsableBy(org.Guid)).ToList();
        var domain = domains.FirstOrDefault(domain => domain.IsShared && !domain.IsTcp) ?? domains.FirstOrDefault(domain => !domain.IsShared);
        return domain is not null && CanRead(access, domain)
            ? CfResults.Ok(Present(domain, access, cf.Urls))
            : throw CfErrors.NotFound("Domain");
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var access = cf.Access();
        return CfResults.Ok(Present(Visible(access, guid), access, cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var request = DomainRequest.Read(await RequestBody.ReadAsync(cf.Http.Request));
        var world = access.World;
        if (request.OrganizationGuid is { } orgGuid)
        {
            var org = world.Find<Organization>(orgGuid);
            if (org is null || !access.CanReadOrg(org.Guid))
            {
                throw CfErrors.Unprocessable($"Organization with guid '{orgGuid}' does not exist or you do not have access to it.");
            }

            access.Require(access.CanManageOrg(org.Guid));
            if (!access.IsAdmin && !FeatureFlag.IsEnabled(world, "private_domain_creation"))
            {
                throw CfErrors.FeatureDisabled("private_domain_creation");
            }

            VerifySharedOrganizations(access, request.SharedOrganizationGuids, org.Guid);
        }
        else
        {
            access.RequireAdmin();
        }

        if (request.RouterGroupGuid is { } routerGroup && routerGroup != Domain.TcpRouterGroup)
        {
            throw CfErrors.Unprocessable($"Router group with guid '{routerGroup}' not found.");
        }

        var domain = cf.Write(transaction =>
        {
            if (transaction.Of<Domain>().All.Any(existing => string.Equals(existing.Name, request.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw CfErrors.Unprocessable($"The domain name \"{request.Name}\" is already in use");
            }

            return transaction.Put(new Domain(
                transaction.NewGuid(), request.Name, request.Internal, request.RouterGroupGuid, request.OrganizationGuid,
                [.. request.SharedOrganizationGuids], ResourceMetadata.Empty.Apply(request.Metadata), transaction.Now, transaction.Now, request.RoutePoliciesScope));
        });
        return CfResults.Created(Present(domain, access, cf.Urls));
    }

    private static void VerifySharedOrganizations(Access access, IEnumerable<string> orgGuids, string owningOrgGuid)
    {
        foreach (var guid in orgGuids)
        {
            if (guid == owningOrgGuid)
            {
                throw CfErrors.Unprocessable("Domain cannot be shared with owning organization.");
            }

            var org = access.World.Find<Organization>(guid);
            if (org is null || !access.CanReadOrg(org.Guid))
            {
                throw CfErrors.Unprocessable($"Organization with guid '{guid}' either does not exist, or you do not have access to it.");
            }

            if (!access.CanManageOrg(org.Guid))
            {
                throw CfErrors.Unprocessable($"You do not have sufficient permissions for organization '{org.Name}' to share domain.");
            }
        }
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var domain = Visible(access, guid);
        RequireOwner(access, domain);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("metadata");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Domain>(guid) ?? throw CfErrors.NotFound("Domain");
            return transaction.Put(current with { Metadata = current.Metadata.Apply(metadata), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(updated, access, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var domain = Visible(access, guid);
        RequireOwner(access, domain);
        if (!domain.SharedOrganizationGuids.IsEmpty)
        {
            throw CfErrors.Unprocessable("This domain is shared with other organizations. Unshare before deleting.");
        }

        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "domain", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Share(string guid, CfContext cf)
    {
        var access = cf.Access();
        var domain = Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var guids = body.GuidList();
        body.ThrowIfInvalid();
        RequireOwner(access, domain);
        if (domain.IsShared)
        {
            throw CfErrors.Unprocessable("Domains cannot be shared with other organizations unless they are scoped to an organization.");
        }

        VerifySharedOrganizations(access, guids, domain.OrganizationGuid!);
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Domain>(guid) ?? throw CfErrors.NotFound("Domain");
            return transaction.Put(current with { SharedOrganizationGuids = current.SharedOrganizationGuids.Union(guids), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(ToMany.Of(updated.SharedOrganizationGuids.Where(org => access.ReadsEverything || access.CanReadOrg(org))));
    }

    private static IResult Unshare(string guid, string orgGuid, CfContext cf)
    {
        var access = cf.Access();
        var domain = Visible(access, guid);
        var org = access.World.Find<Organization>(orgGuid);
        if (org is null || !access.CanReadOrg(org.Guid))
        {
            throw CfErrors.Unprocessable($"Organization with guid '{orgGuid}' does not exist or you do not have access to it.");
        }

        access.Require(access.CanManageOrg(domain.OrganizationGuid ?? org.Guid) || access.CanManageOrg(org.Guid));
        if (!domain.SharedOrganizationGuids.Contains(org.Guid))
        {
            throw CfErrors.Unprocessable($"Unable to unshare domain from organization with name '{org.Name}'. Ensure the domain is shared to this organization.");
        }

        cf.Write(transaction =>
        {
            var current = transaction.Find<Domain>(guid) ?? throw CfErrors.NotFound("Domain");
            transaction.Put(current with { SharedOrganizationGuids = current.SharedOrganizationGuids.Remove(org.Guid), UpdatedAt = transaction.Now });
        });
        return CfResults.NoContent();
    }

    private static void RequireOwner(Access access, Domain domain) =>
        access.Require(domain.IsShared ? access.IsAdmin : access.CanManageOrg(domain.OrganizationGuid!));
}
