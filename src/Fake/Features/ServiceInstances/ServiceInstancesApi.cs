using System.Text.Json;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.ServiceInstances;

/// <summary>
/// <c>/v3/service_instances</c> for user-provided instances (synchronous create/update/delete, credentials). Managed
/// instances need service plans, which no broker has registered in this foundation.
/// </summary>
public sealed class ServiceInstancesApi : IFeatureModule
{
    private static readonly IReadOnlyList<string> PlanFields = ["guid", "name", "relationships.service_offering"];

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["names", "type", "space_guids", "organization_guids", "service_plan_guids", "service_plan_names"],
        OrderBy = ["created_at", "updated_at", "name"],
        Fields = new Dictionary<string, IReadOnlyList<string>>
        {
            ["space"] = ["guid", "name", "relationships.organization"],
            ["space.organization"] = ["guid", "name"],
            ["service_plan"] = PlanFields,
            ["service_plan.service_offering"] = ["guid", "name", "description", "documentation_url", "tags", "relationships.service_broker"],
            ["service_plan.service_offering.service_broker"] = ["guid", "name"],
        },
    };

    private static readonly Dictionary<string, Func<ServiceInstance, IComparable?>> OrderKeys = new() { ["name"] = instance => instance.Name };

    public const string CreateOperation = "service_instance.create";
    public const string DeleteOperation = "service_instance.delete";

    public void Map(IEndpointRouteBuilder routes)
    {
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<ServiceInstance>("service_instance");
        jobs.Register(CreateOperation, (transaction, job) =>
        {
            if (transaction.Find<ServiceInstance>(job.ResourceGuid) is { } instance)
            {
                transaction.Put(instance with { LastOperation = LastOperation.Succeeded("create", transaction.Now), UpdatedAt = transaction.Now });
            }
        });
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            if (transaction.Find<ServiceInstance>(job.ResourceGuid) is { } instance)
            {
                cascade.Delete(transaction, instance);
            }
        });
        cascade.OnDelete<Space>((transaction, space) =>
        {
            foreach (var instance in transaction.Of<ServiceInstance>().All.Where(instance => instance.SpaceGuid == space.Guid).ToList())
            {
                cascade.Delete(transaction, instance);
            }
        });

        routes.MapGet("/v3/service_instances", List);
        routes.MapPost("/v3/service_instances", Create);
        routes.MapGet("/v3/service_instances/{guid}", (string guid, CfContext cf) => CfResults.Ok(ServiceInstanceResponse.From(Visible(cf.Access(), guid), cf.Urls)));
        routes.MapPatch("/v3/service_instances/{guid}", Update);
        routes.MapDelete("/v3/service_instances/{guid}", Delete);
        routes.MapGet("/v3/service_instances/{guid}/credentials", Credentials);
        SharedSpaces.Map(routes);
        routes.MapGet("/v3/service_instances/{guid}/parameters", (string guid, CfContext cf) =>
        {
            Visible(cf.Access(), guid);
            throw CfException.FromCatalogue("ServiceFetchInstanceParametersNotSupported");
        });
        routes.MapGet("/v3/service_instances/{guid}/permissions", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var instance = Visible(access, guid);
            return CfResults.Ok(new { read = true, manage = access.CanWriteToSpace(instance.SpaceGuid) });
        });
    }

    public static ServiceInstance Visible(Access access, string guid)
    {
        var instance = access.World.Find<ServiceInstance>(guid);
        return instance is not null && access.CanReadSpace(instance.SpaceGuid) ? instance : throw CfErrors.NotFound("Service instance");
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var world = access.World;
        var instances = query.Standard(world.Of<ServiceInstance>().All.Where(instance => access.CanReadSpace(instance.SpaceGuid)));
        instances = query.Where(instances, "names", instance => instance.Name);
        instances = query.Where(instances, "type", instance => instance.Type);
        instances = query.Where(instances, "space_guids", instance => instance.SpaceGuid);
        instances = query.Where(instances, "organization_guids", instance => world.Find<Space>(instance.SpaceGuid)?.OrganizationGuid);
        instances = query.Where(instances, "service_plan_guids", instance => instance.ServicePlanGuid);
        instances = query.Where(instances, "service_plan_names", instance => world.Find<Marketplace.ServicePlan>(instance.ServicePlanGuid)?.Name);
        var selected = instances.ToList();
        return CfResults.Ok(query.Respond(selected, instance => ServiceInstanceResponse.From(instance, cf.Urls), cf.Urls, "/v3/service_instances", OrderKeys,
            InstanceFields.Included(world, query.Fields, selected)));
    }

    private static async Task<IResult> Create(CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("type", "name", "relationships", "credentials", "syslog_drain_url", "route_service_url", "tags", "parameters", "metadata");
        var type = body.String("type", required: true);
        if (type is not null and not (ServiceInstance.UserProvided or ServiceInstance.Managed))
        {
            body.AddError("type", "must be one of 'managed', 'user-provided'");
        }

        var name = body.String("name", required: true, maxLength: 255);
        var relationships = body.Object("relationships", required: true, notObjectMessage: "'relationships' is not an object");
        relationships?.AllowOnly("space", "service_plan");
        var spaceGuid = relationships?.ToOne("space");
        var planGuid = type == ServiceInstance.Managed ? relationships?.ToOne("service_plan") : null;
        var credentials = ReadCredentials(body);
        var syslog = body.String("syslog_drain_url");
        var routeService = body.String("route_service_url");
        var tags = body.StringArray("tags") ?? [];
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var space = access.World.Find<Space>(spaceGuid);
        if (space is null || !access.CanReadSpace(space))
        {
            throw CfErrors.Unprocessable("Invalid space. Ensure that the space exists and you have access to it.");
        }

        access.Require(access.CanWriteToSpace(space.Guid));
        if (type == ServiceInstance.Managed)
        {
            if (!access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "service_instance_creation"))
            {
                throw CfErrors.FeatureDisabled("service_instance_creation");
            }

            if (access.World.Find<Marketplace.ServicePlan>(planGuid) is null)
            {
                throw CfErrors.Unprocessable("Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.");
            }
        }

        var (instance, job) = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, space.Guid, name!, except: null);
            var managed = type == ServiceInstance.Managed;
            var created = transaction.Put(new ServiceInstance(
                transaction.NewGuid(), name!, type!, space.Guid, planGuid, credentials ?? "{}", syslog, routeService, [.. tags], [],
                managed ? new LastOperation("create", "in progress", null, transaction.Now, transaction.Now) : LastOperation.Succeeded("create", transaction.Now),
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
            return (created, managed ? jobs.Enqueue(transaction, CreateOperation, "service_instance", created.Guid) : null);
        });
        return job is null ? CfResults.Created(ServiceInstanceResponse.From(instance, cf.Urls)) : CfResults.Job(cf.Urls, job.Guid);
    }

    private static string? ReadCredentials(RequestBody body)
    {
        if (!body.Json.TryGetPropertyValue("credentials", out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Object)
        {
            body.AddError("credentials", "must be an object");
            return null;
        }

        return node.ToJsonString();
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var instance = Visible(access, guid);
        access.Require(access.CanWriteToSpace(instance.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "credentials", "syslog_drain_url", "route_service_url", "tags", "metadata");
        var name = body.String("name", maxLength: 255);
        var credentials = ReadCredentials(body);
        var syslog = body.String("syslog_drain_url");
        var routeService = body.String("route_service_url");
        var tags = body.StringArray("tags");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<ServiceInstance>(guid) ?? throw CfErrors.NotFound("Service instance");
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, current.SpaceGuid, name, except: guid);
            }

            return transaction.Put(current with
            {
                Name = name ?? current.Name,
                CredentialsJson = credentials ?? current.CredentialsJson,
                SyslogDrainUrl = body.Has("syslog_drain_url") ? syslog : current.SyslogDrainUrl,
                RouteServiceUrl = body.Has("route_service_url") ? routeService : current.RouteServiceUrl,
                Tags = tags is null ? current.Tags : [.. tags],
                LastOperation = LastOperation.Succeeded("update", transaction.Now),
                Metadata = current.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(ServiceInstanceResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, DeletionCascade cascade, JobQueue jobs)
    {
        var access = cf.Access();
        var instance = Visible(access, guid);
        access.Require(access.CanWriteToSpace(instance.SpaceGuid));
        if (instance.Type == ServiceInstance.Managed)
        {
            var job = cf.Write(transaction =>
            {
                transaction.Put(instance with { LastOperation = new LastOperation("delete", "in progress", null, transaction.Now, transaction.Now) });
                return jobs.Enqueue(transaction, DeleteOperation, "service_instance", guid);
            });
            return CfResults.Job(cf.Urls, job.Guid);
        }

        cf.Write(transaction => cascade.Delete(transaction, transaction.Find<ServiceInstance>(guid) ?? throw CfErrors.NotFound("Service instance")));
        return CfResults.NoContent();
    }

    private static IResult Credentials(string guid, CfContext cf)
    {
        var access = cf.Access();
        var instance = Visible(access, guid);
        access.Require(access.Caller.ReadsSecretsEverywhere || access.CanWriteToSpace(instance.SpaceGuid));
        if (instance.Type != ServiceInstance.UserProvided)
        {
            throw CfErrors.NotFound("Service instance");
        }

        return Results.Content(instance.CredentialsJson, "application/json");
    }

    private static void EnsureUniqueName(World world, string spaceGuid, string name, string? except)
    {
        if (world.Of<ServiceInstance>().All.Any(instance => instance.SpaceGuid == spaceGuid && instance.Guid != except && instance.Name == name))
        {
            throw CfErrors.Unprocessable($"The service instance name is taken: {name}.");
        }
    }
}
