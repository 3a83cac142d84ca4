using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.OrganizationQuotas;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Organizations;

/// <summary><c>/v3/organizations</c>: create, read, list, update, delete (async) and the usage summary.</summary>
public sealed class OrganizationsApi : IFeatureModule
{
    public const string DeleteOperation = "organization.delete";

    private static readonly ListSpec ListSpec = new() { Filters = ["names"], OrderBy = ["created_at", "updated_at", "name"] };

    private static readonly Dictionary<string, Func<Organization, IComparable?>> OrderKeys = new()
    {
        ["name"] = org => org.Name,
    };

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(OrganizationSeed.Apply);

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<Organization>("organization");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            if (transaction.Find<Organization>(job.ResourceGuid) is { } org)
            {
                cascade.Delete(transaction, org);
            }
        });

        var group = routes.MapGroup("/v3/organizations");
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{guid}", Get);
        group.MapPatch("/{guid}", Update);
        group.MapDelete("/{guid}", Delete);
        group.MapGet("/{guid}/usage_summary", UsageSummary);
    }

    public static Organization Visible(CfContext cf, string guid)
    {
        var access = cf.Access();
        var org = cf.World.Find<Organization>(guid);
        return org is not null && access.CanReadOrg(org.Guid) ? org : throw CfErrors.NotFound("Organization");
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var orgs = access.World.Of<Organization>().All.Where(org => access.CanReadOrg(org.Guid));
        orgs = query.Where(query.Standard(orgs), "names", org => org.Name);
        return CfResults.Ok(query.Respond(orgs, org => OrganizationResponse.From(org, cf.Urls), cf.Urls, "/v3/organizations", OrderKeys));
    }

    private static IResult Get(string guid, CfContext cf) => CfResults.Ok(OrganizationResponse.From(Visible(cf, guid), cf.Urls));

    private static async Task<IResult> Create(CfContext cf)
    {
        var caller = cf.Caller;
        var access = cf.Access();
        if (!access.IsAdmin && !(access.CanWriteAnything && FeatureFlag.IsEnabled(cf.World, "user_org_creation")))
        {
            throw CfErrors.NotAuthorized();
        }

        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "suspended", "metadata");
        var name = body.String("name", required: true, maxLength: 255);
        var suspended = body.Boolean("suspended");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        access.Require(access.IsAdmin || suspended is not true);

        var org = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, name!, except: null);
            var created = transaction.Put(new Organization(
                transaction.NewGuid(), name!, suspended ?? false, OrganizationQuota.Default(transaction.World)?.Guid, null,
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
            if (!access.IsAdmin)
            {
                foreach (var type in new[] { RoleTypes.OrganizationUser, RoleTypes.OrganizationManager })
                {
                    transaction.Put(new Role(transaction.NewGuid(), type, caller.UserGuid, created.Guid, null, transaction.Now, transaction.Now));
                }
            }

            return created;
        });
        return CfResults.Created(OrganizationResponse.From(org, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        Visible(cf, guid);
        access.Require(access.CanManageOrg(guid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "suspended", "metadata");
        var name = body.String("name", maxLength: 255);
        if (body.Has("name") && string.IsNullOrWhiteSpace(name))
        {
            body.AddError("name", "is too short (minimum is 1 character)");
        }

        var suspended = body.Boolean("suspended");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        access.Require(access.IsAdmin || suspended is null);

        var updated = cf.Write(transaction =>
        {
            var org = transaction.Find<Organization>(guid) ?? throw CfErrors.NotFound("Organization");
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, name, except: guid);
            }

            return transaction.Put(org with
            {
                Name = name ?? org.Name,
                Suspended = suspended ?? org.Suspended,
                Metadata = org.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(OrganizationResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        Visible(cf, guid);
        access.RequireAdmin();
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "organization", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static IResult UsageSummary(string guid, CfContext cf, UsageSummaries summaries)
    {
        var org = Visible(cf, guid);
        return CfResults.Ok(new
        {
            usage_summary = summaries.Organization(cf.World, org.Guid),
            links = new
            {
                self = cf.Urls.Link($"/v3/organizations/{org.Guid}/usage_summary"),
                organization = cf.Urls.Link("/v3/organizations/" + org.Guid),
            },
        });
    }

    private static void EnsureUniqueName(World world, string name, string? except)
    {
        if (world.Of<Organization>().All.Any(org => org.Guid != except && string.Equals(org.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CfErrors.Unprocessable($"Organization '{name}' already exists.");
        }
    }
}
