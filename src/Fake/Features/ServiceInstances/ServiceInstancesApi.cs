using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.ServiceBindings;
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
/// <c>/v3/service_instances</c>: user-provided instances (synchronous create/update/delete, credentials) and managed
/// instances, provisioned by the built-in broker under the job lifecycle or by a registered broker over OSBAPI.
/// </summary>
public sealed class ServiceInstancesApi : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddSingleton<InstanceBrokerFlow>();

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
    public const string UpdateOperation = "service_instance.update";

    public void Map(IEndpointRouteBuilder routes)
    {
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        routes.ServiceProvider.GetRequiredService<BrokerOperations>().Register(routes.ServiceProvider.GetRequiredService<InstanceBrokerFlow>());
        jobs.RegisterResource<ServiceInstance>("service_instance");
        jobs.Register(CreateOperation, BuiltInBrokerSucceeds("create"));
        jobs.Register(UpdateOperation, BuiltInBrokerSucceeds("update"));
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
        routes.MapGet("/v3/service_instances/{guid}", async (string guid, CfContext cf, BrokerOperations brokers) =>
        {
            await brokers.RefreshAsync(cf, [guid]);
            return CfResults.Ok(ServiceInstanceResponse.From(Visible(cf.Access(), guid), cf.Urls));
        });
        routes.MapPatch("/v3/service_instances/{guid}", Update);
        routes.MapDelete("/v3/service_instances/{guid}", Delete);
        routes.MapGet("/v3/service_instances/{guid}/credentials", Credentials);
        SharedSpaces.Map(routes);
        routes.MapGet("/v3/service_instances/{guid}/parameters", Parameters);
        routes.MapGet("/v3/service_instances/{guid}/permissions", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var instance = Visible(access, guid);
            return CfResults.Ok(new { read = true, manage = access.CanWriteToSpace(instance.SpaceGuid) });
        });
    }

    /// <summary>The built-in broker's asynchronous answer: the operation of that type succeeds when its job runs.</summary>
    private static JobWork BuiltInBrokerSucceeds(string type) => (transaction, job) =>
    {
        if (transaction.Find<ServiceInstance>(job.ResourceGuid) is { } instance)
        {
            transaction.Put(instance with { LastOperation = LastOperation.Succeeded(type, transaction.Now), UpdatedAt = transaction.Now });
        }
    };

    public static ServiceInstance Visible(Access access, string guid)
    {
        var instance = access.World.Find<ServiceInstance>(guid);
        return instance is not null && access.CanReadSpace(instance.SpaceGuid) ? instance : throw CfErrors.NotFound("Service instance");
    }

    private static async Task<IResult> List(CfContext cf, BrokerOperations brokers, InstanceBrokerFlow flow)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        await brokers.RefreshAllAsync(cf, flow);
        var access = cf.Access();
        var world = access.World;
        var instances = query.Standard(world.Of<ServiceInstance>()).Where(instance => access.CanReadSpace(instance.SpaceGuid));
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

    private static async Task<IResult> Create(CfContext cf, JobQueue jobs, BrokerOperations brokers, InstanceBrokerFlow flow)
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
        var credentials = body.Object("credentials")?.Json;
        var parameters = body.Object("parameters")?.Json;
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
        var brokerPlan = type == ServiceInstance.Managed ? BrokerPlan.Of(access.World, planGuid) : null;
        if (type == ServiceInstance.Managed)
        {
            if (!access.IsAdmin && !FeatureFlag.IsEnabled(access.World, "service_instance_creation"))
            {
                throw CfErrors.FeatureDisabled("service_instance_creation");
            }

            if (brokerPlan is null || !Marketplace.MarketplaceVisibility.CanSee(access.World, access.Caller, brokerPlan.Plan)
                || (brokerPlan.Broker.SpaceGuid is { } brokerSpace && brokerSpace != space.Guid))
            {
                throw CfErrors.Unprocessable("Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.");
            }
        }

        var managed = type == ServiceInstance.Managed;
        var external = brokerPlan is { IsExternal: true };
        var (instance, job) = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, space.Guid, name!, except: null);
            var created = transaction.Put(new ServiceInstance(
                transaction.NewGuid(), name!, type!, space.Guid, planGuid, credentials?.ToJsonString() ?? "{}", syslog, routeService, [.. tags], [],
                managed ? new LastOperation("create", external ? "initial" : "in progress", null, transaction.Now, transaction.Now) : LastOperation.Succeeded("create", transaction.Now),
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now, managed ? parameters?.ToJsonString() ?? "{}" : null));
            return (created, managed && !external ? jobs.Enqueue(transaction, CreateOperation, "service_instance", created.Guid) : null);
        });
        if (external)
        {
            var call = InstanceBrokerFlow.Provision(cf.World, instance, brokerPlan!, parameters);
            job = await brokers.StartAsync(cf, flow, instance.Guid, "create", CreateOperation, "provision", call);
        }

        return job is null ? CfResults.Created(ServiceInstanceResponse.From(instance, cf.Urls)) : CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Update(string guid, CfContext cf, JobQueue jobs, BrokerOperations brokers, InstanceBrokerFlow flow)
    {
        var access = cf.Access();
        var instance = Visible(access, guid);
        access.Require(access.CanWriteToSpace(instance.SpaceGuid));
        var body = await RequestBody.ReadAsync(cf.Http.Request);
        return instance.Type == ServiceInstance.UserProvided
            ? UpdateUserProvided(cf, guid, body)
            : await UpdateManagedAsync(cf, instance, body, jobs, brokers, flow);
    }

    private static IResult UpdateUserProvided(CfContext cf, string guid, RequestBody body)
    {
        body.AllowOnly("name", "credentials", "syslog_drain_url", "route_service_url", "tags", "metadata");
        var name = body.String("name", maxLength: 255);
        var credentials = body.Object("credentials")?.Json;
        var syslog = body.String("syslog_drain_url");
        var routeService = body.String("route_service_url");
        var tags = body.StringArray("tags");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var renamed = Rename(transaction, guid, name, tags, metadata);
            return transaction.Put(renamed with
            {
                CredentialsJson = credentials?.ToJsonString() ?? renamed.CredentialsJson,
                SyslogDrainUrl = body.Has("syslog_drain_url") ? syslog : renamed.SyslogDrainUrl,
                RouteServiceUrl = body.Has("route_service_url") ? routeService : renamed.RouteServiceUrl,
                LastOperation = LastOperation.Succeeded("update", transaction.Now),
            });
        });
        return CfResults.Ok(ServiceInstanceResponse.From(updated, cf.Urls));
    }

    /// <summary>
    /// Name, tags and metadata change at once; a new plan, parameters or maintenance info go to the broker and answer 202
    /// with the job, as in Cloud Controller.
    /// </summary>
    private static async Task<IResult> UpdateManagedAsync(CfContext cf, ServiceInstance instance, RequestBody body, JobQueue jobs, BrokerOperations brokers, InstanceBrokerFlow flow)
    {
        body.AllowOnly("name", "tags", "parameters", "relationships", "maintenance_info", "metadata");
        var name = body.String("name", maxLength: 255);
        var tags = body.StringArray("tags");
        var parameters = body.Object("parameters")?.Json;
        var relationships = body.Object("relationships", notObjectMessage: "'relationships' is not an object");
        relationships?.AllowOnly("service_plan");
        var planGuid = relationships?.ToOne("service_plan");
        var maintenance = body.Object("maintenance_info");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        if (instance.LastOperation.State == "in progress")
        {
            throw CfException.FromCatalogue("AsyncServiceInstanceOperationInProgress", instance.Name);
        }

        var current = BrokerPlan.Of(cf.World, instance.ServicePlanGuid);
        var target = planGuid is null ? current : BrokerPlan.Of(cf.World, planGuid);
        if (target is null || current is null || target.Offering.Guid != current.Offering.Guid)
        {
            throw CfErrors.Unprocessable("Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.");
        }

        if (planGuid is not null && planGuid != instance.ServicePlanGuid && !current.Offering.Features.PlanUpdateable)
        {
            throw CfException.FromCatalogue("ServicePlanNotUpdateable");
        }

        var toBroker = planGuid is not null || parameters is not null || maintenance is not null;
        var updated = cf.Write(transaction => transaction.Put(Rename(transaction, instance.Guid, name, tags, metadata)));
        if (!toBroker)
        {
            return CfResults.Ok(ServiceInstanceResponse.From(updated, cf.Urls));
        }

        if (current.IsExternal)
        {
            var call = InstanceBrokerFlow.Update(cf.World, updated, current, target, parameters);
            var started = await brokers.StartAsync(cf, flow, instance.Guid, "update", UpdateOperation, "update", call, target.Plan.Guid, parameters?.ToJsonString());
            return CfResults.Job(cf.Urls, started.Guid);
        }

        var job = cf.Write(transaction =>
        {
            transaction.Put(transaction.Find<ServiceInstance>(instance.Guid)! with
            {
                ServicePlanGuid = target.Plan.Guid,
                ParametersJson = parameters?.ToJsonString() ?? updated.ParametersJson,
                LastOperation = new LastOperation("update", "in progress", null, transaction.Now, transaction.Now),
            });
            return jobs.Enqueue(transaction, UpdateOperation, "service_instance", instance.Guid);
        });
        return CfResults.Job(cf.Urls, job.Guid);
    }

    /// <summary>The instance with a new name, tags and metadata (checked for a unique name), not yet stored.</summary>
    private static ServiceInstance Rename(Transaction transaction, string guid, string? name, IReadOnlyList<string>? tags, MetadataUpdate? metadata)
    {
        var current = transaction.Find<ServiceInstance>(guid) ?? throw CfErrors.NotFound("Service instance");
        if (name is not null)
        {
            EnsureUniqueName(transaction.World, current.SpaceGuid, name, except: guid);
        }

        return current with
        {
            Name = name ?? current.Name,
            Tags = tags is null ? current.Tags : [.. tags],
            Metadata = current.Metadata.Apply(metadata),
            UpdatedAt = transaction.Now,
        };
    }

    private static async Task<IResult> Delete(string guid, CfContext cf, DeletionCascade cascade, JobQueue jobs, BrokerOperations brokers, InstanceBrokerFlow flow, InstanceUnbinding unbinding)
    {
        var access = cf.Access();
        var instance = Visible(access, guid);
        access.Require(access.CanWriteToSpace(instance.SpaceGuid));
        if (BrokerPlan.Of(access.World, instance.ServicePlanGuid) is { IsExternal: true } plan)
        {
            if (await unbinding.UnbindAllAsync(cf, instance) is { } blocked)
            {
                var failed = cf.Write(transaction =>
                {
                    flow.SetLastOperation(transaction, guid, new LastOperation("delete", "failed", blocked, transaction.Now, transaction.Now));
                    var job = JobQueue.Track(transaction, DeleteOperation, "service_instance", guid);
                    JobQueue.Fail(transaction, job.Guid, CfError.FromCatalogue("UnableToPerform", "delete", blocked));
                    return job;
                });
                return CfResults.Job(cf.Urls, failed.Guid);
            }

            var started = await brokers.StartAsync(cf, flow, guid, "delete", DeleteOperation, "deprovision", InstanceBrokerFlow.Deprovision(instance, plan));
            return CfResults.Job(cf.Urls, started.Guid);
        }

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

    /// <summary>
    /// The parameters the instance was provisioned or last updated with: kept by the built-in broker, fetched from a
    /// registered broker whose offering has <c>instances_retrievable</c>.
    /// </summary>
    private static async Task<IResult> Parameters(string guid, CfContext cf, OsbapiClient client)
    {
        var instance = Visible(cf.Access(), guid);
        if (instance.Type == ServiceInstance.UserProvided || BrokerPlan.Of(cf.World, instance.ServicePlanGuid) is not { } plan || !plan.Offering.Features.InstancesRetrievable)
        {
            throw CfException.FromCatalogue("ServiceFetchInstanceParametersNotSupported");
        }

        if (instance.LastOperation is { Type: "create", State: not "succeeded" })
        {
            throw CfException.FromCatalogue("AsyncServiceInstanceOperationInProgress", instance.Name);
        }

        if (!plan.IsExternal)
        {
            return Results.Content(instance.ParametersJson ?? "{}", "application/json");
        }

        var reply = await client.SendAsync(plan.Broker, InstanceBrokerFlow.Fetch(instance), cf.Caller.UserGuid, cf.Http.RequestAborted);
        if (reply.Error is { } error)
        {
            throw new CfException(StatusCodes.Status502BadGateway, error);
        }

        return Results.Content((reply.Body["parameters"] as JsonObject ?? []).ToJsonString(), "application/json");
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
