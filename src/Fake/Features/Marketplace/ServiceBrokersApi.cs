using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>A fetched catalog waiting for its synchronize job (keyed by the job's guid), or the error the fetch ended with.</summary>
public sealed record PendingCatalog(string Guid, string BrokerGuid, ImmutableList<CatalogService>? Services, CfError? Error) : IResource;

/// <summary>
/// Registering, updating and removing service brokers. The catalog is fetched from the broker over HTTP when the
/// request arrives; the 202's job then synchronizes offerings and plans (or fails with the broker's error).
/// </summary>
public sealed class ServiceBrokersApi : IFeatureModule
{
    public const string SynchronizeOperation = "service_broker.catalog.synchronize";
    public const string DeleteOperation = "service_broker.delete";

    public void AddServices(IServiceCollection services) => services.AddSingleton<BrokerCatalog>();

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.Register(SynchronizeOperation, Synchronize);
        jobs.Register(DeleteOperation, Remove);
        routes.MapPost("/v3/service_brokers", CreateAsync);
        routes.MapPatch("/v3/service_brokers/{guid}", UpdateAsync);
        routes.MapDelete("/v3/service_brokers/{guid}", (string guid, CfContext cf) =>
        {
            var broker = Manageable(cf.Access(), guid);
            var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "service_broker", broker.Guid));
            return CfResults.Job(cf.Urls, job.Guid);
        });
    }

    private static ServiceBroker Manageable(Access access, string guid)
    {
        var broker = access.World.Find<ServiceBroker>(guid);
        if (broker is null || (!access.ReadsEverything && (broker.SpaceGuid is null || !access.CanReadSpace(broker.SpaceGuid))))
        {
            throw CfErrors.NotFound("Service broker");
        }

        access.Require(access.IsAdmin || (broker.SpaceGuid is { } space && access.CanWriteToSpace(space)));
        return broker;
    }

    private static async Task<IResult> CreateAsync(CfContext cf, BrokerCatalog catalog, JobQueue jobs)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "url", "authentication", "relationships", "metadata");
        var name = body.String("name", required: true);
        var url = Url(body, required: true);
        var (username, password) = Authentication(body, required: true);
        var space = body.Has("relationships") ? body.ToOneRelationship("space") : null;
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        if (space is null)
        {
            access.RequireAdmin();
        }
        else
        {
            if (!access.CanReadSpace(space))
            {
                throw CfErrors.Unprocessable("Invalid space. Ensure that the space exists and you have access to it.");
            }

            access.Require(access.IsAdmin || (access.CanWriteToSpace(space) && FeatureFlag.IsEnabled(access.World, "space_scoped_private_broker_creation")));
        }

        var (services, error) = await catalog.FetchAsync(url!, username!, password!, cf.Http.RequestAborted);
        var job = cf.Write(transaction =>
        {
            if (transaction.Of<ServiceBroker>().All.Any(broker => broker.Name == name))
            {
                throw CfErrors.Unprocessable("Name must be unique");
            }

            var broker = transaction.Put(new ServiceBroker(transaction.NewGuid(), name!, url!, ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now, space, username, password));
            return jobs.Enqueue(transaction, SynchronizeOperation, "service_broker", broker.Guid,
                created => transaction.Put(new PendingCatalog(created.Guid, broker.Guid, services is null ? null : [.. services], error)));
        });
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> UpdateAsync(string guid, CfContext cf, BrokerCatalog catalog, JobQueue jobs)
    {
        var current = Manageable(cf.Access(), guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "url", "authentication", "metadata");
        var name = body.String("name");
        var url = Url(body, required: false);
        var (username, password) = Authentication(body, required: false);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var refetch = name is not null || url is not null || username is not null;
        var fetched = refetch ? await catalog.FetchAsync(url ?? current.Url, username ?? current.Username ?? string.Empty, password ?? current.Password ?? string.Empty, cf.Http.RequestAborted) : default;
        var job = cf.Write(transaction =>
        {
            var broker = transaction.Find<ServiceBroker>(guid) ?? throw CfErrors.NotFound("Service broker");
            if (name is not null && transaction.Of<ServiceBroker>().All.Any(other => other.Guid != guid && other.Name == name))
            {
                throw CfErrors.Unprocessable("Name must be unique");
            }

            var updated = transaction.Put(broker with
            {
                Name = name ?? broker.Name,
                Url = url ?? broker.Url,
                Username = username ?? broker.Username,
                Password = password ?? broker.Password,
                Metadata = broker.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
            return refetch
                ? jobs.Enqueue(transaction, SynchronizeOperation, "service_broker", updated.Guid,
                    created => transaction.Put(new PendingCatalog(created.Guid, updated.Guid, fetched.Services is null ? null : [.. fetched.Services], fetched.Error)))
                : null;
        });
        return job is null
            ? CfResults.Ok(ServiceBrokerResponse.From(cf.World.Find<ServiceBroker>(guid)!, cf.Urls))
            : CfResults.Job(cf.Urls, job.Guid);
    }

    private static string? Url(RequestBody body, bool required)
    {
        var url = body.String("url", required: required);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            body.AddError("url", "must be a valid url");
        }
        else if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var withUser) && withUser.UserInfo.Length > 0)
        {
            body.AddError("url", "must not contain authentication");
        }

        return url;
    }

    private static (string? Username, string? Password) Authentication(RequestBody body, bool required)
    {
        if (body.Object("authentication", required: required) is not { } authentication)
        {
            return (null, null);
        }

        authentication.AllowOnly("type", "credentials");
        if (authentication.String("type", required: true) is { } type && type != "basic")
        {
            authentication.AddError("type", "must be one of 'basic'");
        }

        var credentials = authentication.Object("credentials", required: true);
        credentials?.AllowOnly("username", "password");
        return (credentials?.String("username", required: true), credentials?.String("password", required: true));
    }

    private static void Synchronize(Transaction transaction, Job job)
    {
        var pending = transaction.Find<PendingCatalog>(job.Guid);
        transaction.Remove<PendingCatalog>(job.Guid);
        if (pending?.Error is { } error)
        {
            throw new CfException(StatusCodes.Status502BadGateway, error);
        }

        if (pending?.Services is not { } services || transaction.Find<ServiceBroker>(pending.BrokerGuid) is not { } broker)
        {
            return;
        }

        var offerings = transaction.Of<ServiceOffering>().All.Where(offering => offering.BrokerGuid == broker.Guid).ToList();
        foreach (var service in services)
        {
            var existing = offerings.FirstOrDefault(offering => offering.CatalogId == service.Id);
            var offering = transaction.Put(existing is null
                ? new ServiceOffering(transaction.NewGuid(), service.Name, service.Description, broker.Guid, service.Id, [.. service.Tags], service.Shareable, ResourceMetadata.Empty, transaction.Now, transaction.Now, service.Features)
                : existing with { Name = service.Name, Description = service.Description, Tags = [.. service.Tags], Shareable = service.Shareable, CatalogFeatures = service.Features, UpdatedAt = transaction.Now });
            var plans = transaction.Of<ServicePlan>().All.Where(plan => plan.OfferingGuid == offering.Guid).ToList();
            foreach (var plan in service.Plans)
            {
                var known = plans.FirstOrDefault(existingPlan => existingPlan.CatalogId == plan.Id);
                transaction.Put(known is null
                    ? new ServicePlan(transaction.NewGuid(), plan.Name, plan.Description, offering.Guid, plan.Id, plan.Free, false, ResourceMetadata.Empty, transaction.Now, transaction.Now, broker.SpaceGuid is null ? "admin" : "space")
                    : known with { Name = plan.Name, Description = plan.Description, Free = plan.Free, UpdatedAt = transaction.Now });
            }
        }
    }

    private static void Remove(Transaction transaction, Job job)
    {
        var guid = job.ResourceGuid ?? string.Empty;
        var offerings = transaction.Of<ServiceOffering>().All.Where(offering => offering.BrokerGuid == guid).Select(offering => offering.Guid).ToHashSet(StringComparer.Ordinal);
        var plans = transaction.Of<ServicePlan>().All.Where(plan => offerings.Contains(plan.OfferingGuid)).Select(plan => plan.Guid).ToHashSet(StringComparer.Ordinal);
        var instances = transaction.Of<ServiceInstance>().All.Where(instance => instance.ServicePlanGuid is { } plan && plans.Contains(plan)).Select(instance => instance.Name).ToList();
        if (instances.Count > 0)
        {
            throw CfException.FromCatalogue("ServiceBrokerNotRemovable", string.Join(", ", instances));
        }

        transaction.RemoveWhere<ServicePlan>(plan => plans.Contains(plan.Guid));
        transaction.RemoveWhere<ServiceOffering>(offering => offerings.Contains(offering.Guid));
        transaction.Remove<ServiceBroker>(guid);
    }
}
