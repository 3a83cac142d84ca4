using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Routes;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>
/// <c>/v3/service_credential_bindings</c> (app bindings and keys) and <c>/v3/service_route_bindings</c>, synchronous
/// for user-provided instances as in Cloud Controller.
/// </summary>
public sealed class ServiceBindingsApi : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<CredentialBindingBrokerFlow>();
        services.AddSingleton<InstanceUnbinding>();
    }

    private static readonly ListSpec CredentialListSpec = new()
    {
        Filters = ["names", "service_instance_guids", "service_instance_names", "app_guids", "app_names", "type"],
        Includes = ["app", "service_instance"],
        OrderBy = ["created_at", "updated_at", "name"],
    };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = ["app", "service_instance"] };

    public const string AppBindingOperation = "service_bindings.create";
    public const string KeyOperation = "service_keys.create";
    public const string AppUnbindOperation = "service_bindings.delete";
    public const string KeyDeleteOperation = "service_keys.delete";

    public void Map(IEndpointRouteBuilder routes)
    {
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<CredentialBinding>("service_credential_binding");
        routes.ServiceProvider.GetRequiredService<BrokerOperations>().Register(routes.ServiceProvider.GetRequiredService<CredentialBindingBrokerFlow>());
        foreach (var operation in new[] { AppUnbindOperation, KeyDeleteOperation })
        {
            jobs.Register(operation, (transaction, job) => transaction.Remove<CredentialBinding>(job.ResourceGuid!));
        }

        foreach (var operation in new[] { AppBindingOperation, KeyOperation })
        {
            jobs.Register(operation, (transaction, job) =>
            {
                if (transaction.Find<CredentialBinding>(job.ResourceGuid) is { } binding)
                {
                    transaction.Put(binding with { LastOperation = LastOperation.Succeeded("create", transaction.Now), UpdatedAt = transaction.Now });
                }
            });
        }

        cascade.OnDelete<ServiceInstance>((transaction, instance) => transaction.RemoveWhere<CredentialBinding>(binding => binding.ServiceInstanceGuid == instance.Guid));
        cascade.OnDelete<App>((transaction, app) => transaction.RemoveWhere<CredentialBinding>(binding => binding.AppGuid == app.Guid));

        routes.MapGet("/v3/service_credential_bindings", ListCredentialBindings);
        routes.MapPost("/v3/service_credential_bindings", CreateCredentialBinding);
        routes.MapGet("/v3/service_credential_bindings/{guid}", GetCredentialBinding);
        routes.MapGet("/v3/service_credential_bindings/{guid}/details", CredentialDetails);
        routes.MapDelete("/v3/service_credential_bindings/{guid}", DeleteCredentialBinding);
        routes.MapPatch("/v3/service_credential_bindings/{guid}", UpdateCredentialBinding);
        routes.MapGet("/v3/service_credential_bindings/{guid}/parameters", CredentialParameters);
    }

    /// <summary>Whether the caller may see bindings of this instance: it reads the instance's space.</summary>
    public static bool CanRead(Access access, string instanceGuid) =>
        access.World.Find<ServiceInstance>(instanceGuid) is { } instance && access.CanReadSpace(instance.SpaceGuid);

    private static CredentialBinding VisibleCredentialBinding(Access access, string guid) =>
        access.World.Find<CredentialBinding>(guid) is { } binding && CanRead(access, binding.ServiceInstanceGuid)
            ? binding
            : throw CfErrors.NotFound("Service credential binding");

    private static async Task<IResult> ListCredentialBindings(CfContext cf, BrokerOperations brokers, CredentialBindingBrokerFlow flow)
    {
        var query = ListQuery.Parse(cf.Http.Request, CredentialListSpec);
        await brokers.RefreshAllAsync(cf, flow);
        var access = cf.Access();
        var world = access.World;
        var bindings = query.Standard(world.Of<CredentialBinding>()).Where(binding => CanRead(access, binding.ServiceInstanceGuid));
        bindings = query.Where(bindings, "names", binding => binding.Name);
        bindings = query.Where(bindings, "service_instance_guids", binding => binding.ServiceInstanceGuid);
        bindings = query.Where(bindings, "service_instance_names", binding => world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.Name);
        bindings = query.Where(bindings, "app_guids", binding => binding.AppGuid);
        bindings = query.Where(bindings, "app_names", binding => world.Find<App>(binding.AppGuid)?.Name);
        var selected = query.Where(bindings, "type", binding => binding.Type).ToList();
        return CfResults.Ok(query.Respond(selected, binding => CredentialBindingResponse.From(binding, cf.Urls), cf.Urls, "/v3/service_credential_bindings",
            included: BindingIncludes.For(query, world, selected.Select(binding => binding.AppGuid), selected.Select(binding => binding.ServiceInstanceGuid), [], cf.Urls)));
    }

    private static async Task<IResult> GetCredentialBinding(string guid, CfContext cf, BrokerOperations brokers)
    {
        var query = ListQuery.Parse(cf.Http.Request, GetSpec);
        await brokers.RefreshAsync(cf, [guid]);
        var access = cf.Access();
        var binding = VisibleCredentialBinding(access, guid);
        return CfResults.Ok(CredentialBindingResponse.From(binding, cf.Urls), BindingIncludes.For(query, access.World, [binding.AppGuid], [binding.ServiceInstanceGuid], [], cf.Urls));
    }

    private static async Task<IResult> CreateCredentialBinding(CfContext cf, JobQueue jobs, BrokerOperations brokers, CredentialBindingBrokerFlow flow)
    {
        var access = cf.Access();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("type", "name", "relationships", "parameters", "metadata");
        var type = body.String("type", required: true);
        if (type is not null and not ("app" or "key"))
        {
            body.AddError("type", "must be 'app' or 'key'");
        }

        var name = body.String("name");
        var relationships = body.Object("relationships", required: true, notObjectMessage: "'relationships' is not an object");
        relationships?.AllowOnly("service_instance", "app");
        var instanceGuid = relationships?.ToOne("service_instance");
        var appGuid = type == "app" ? relationships?.ToOne("app") : null;
        if (type == "key" && string.IsNullOrEmpty(name))
        {
            body.AddError("name", "can't be blank");
        }

        var parameters = body.Object("parameters")?.Json;
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var instance = access.World.Find<ServiceInstance>(instanceGuid);
        if (instance is null || !access.CanReadSpace(instance.SpaceGuid))
        {
            throw CfErrors.RelatedNotFound("service instance", instanceGuid);
        }

        var plan = BrokerPlan.Of(access.World, instance.ServicePlanGuid);
        if (plan is { Offering.Features.Bindable: false })
        {
            throw CfErrors.Unprocessable("Service plan does not allow bindings.");
        }

        if (instance.LastOperation.State != "succeeded")
        {
            throw CfErrors.Unprocessable("There is an operation in progress for the service instance.");
        }

        if (type == "key" && instance.Type == ServiceInstance.UserProvided)
        {
            throw CfErrors.Unprocessable("Service credential bindings of type 'key' are not supported for user-provided service instances.");
        }

        var app = appGuid is null ? null : access.World.Find<App>(appGuid);
        if (type == "app" && (app is null || !access.CanReadSpace(app.SpaceGuid)))
        {
            throw CfErrors.RelatedNotFound("app", appGuid);
        }

        access.Require(CanBind(access, type, instance.SpaceGuid));
        var managed = instance.Type == ServiceInstance.Managed;
        var external = plan is { IsExternal: true };
        var (binding, job) = cf.Write(transaction =>
        {
            if (transaction.Find<ServiceInstance>(instance.Guid) is null)
            {
                throw CfErrors.RelatedNotFound("service instance", instanceGuid);
            }

            if (app is not null && transaction.Find<App>(app.Guid) is null)
            {
                throw CfErrors.RelatedNotFound("app", appGuid);
            }

            if (app is not null && transaction.Of<CredentialBinding>().All.Any(existing => existing.AppGuid == app.Guid && existing.ServiceInstanceGuid == instance.Guid))
            {
                throw CfErrors.Unprocessable("The app is already bound to the service instance.");
            }

            if (type == "key" && transaction.Of<CredentialBinding>().All.Any(existing => existing.ServiceInstanceGuid == instance.Guid && existing.Name == name))
            {
                throw CfErrors.Unprocessable($"The binding name is invalid. Key binding names must be unique. The service instance already has a key binding with name '{name}'.");
            }

            var created = transaction.Put(new CredentialBinding(transaction.NewGuid(), type!, name, instance.Guid, app?.Guid,
                managed ? new LastOperation("create", external ? "initial" : "in progress", null, transaction.Now, transaction.Now) : LastOperation.Succeeded("create", transaction.Now),
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now, ParametersJson: managed ? parameters?.ToJsonString() ?? "{}" : null));
            return (created, managed && !external ? jobs.Enqueue(transaction, CreateOperationOf(type!), "service_credential_binding", created.Guid) : null);
        });
        if (external)
        {
            job = await brokers.StartAsync(cf, flow, binding.Guid, "create", CreateOperationOf(type!), "bind", flow.Bind(cf.World, binding, instance, plan!, parameters));
        }

        return job is null ? CfResults.Created(CredentialBindingResponse.From(binding, cf.Urls)) : CfResults.Job(cf.Urls, job.Guid);
    }

    private static IResult CredentialDetails(string guid, CfContext cf)
    {
        var access = cf.Access();
        var binding = VisibleCredentialBinding(access, guid);
        var instance = access.World.Find<ServiceInstance>(binding.ServiceInstanceGuid)!;
        access.Require(access.Caller.ReadsSecretsEverywhere || access.CanWriteToSpace(instance.SpaceGuid));
        return CfResults.Ok(new { credentials = BindingCredentials.For(access.World, instance, binding), syslog_drain_url = instance.SyslogDrainUrl, volume_mounts = Array.Empty<object>() });
    }

    /// <summary>Supporters may bind apps; only developers create or delete service keys.</summary>
    private static bool CanBind(Access access, string? type, string spaceGuid) =>
        type == "app" ? access.CanManageAppsInSpace(spaceGuid) : access.CanWriteToSpace(spaceGuid);

    private static string CreateOperationOf(string type) => type == "app" ? AppBindingOperation : KeyOperation;

    private static async Task<IResult> DeleteCredentialBinding(string guid, CfContext cf, JobQueue jobs, BrokerOperations brokers, CredentialBindingBrokerFlow flow)
    {
        var access = cf.Access();
        var binding = VisibleCredentialBinding(access, guid);
        var instance = access.World.Find<ServiceInstance>(binding.ServiceInstanceGuid)!;
        access.Require(CanBind(access, binding.Type, instance.SpaceGuid));
        if (BrokerPlan.Of(access.World, instance.ServicePlanGuid) is { IsExternal: true })
        {
            var job = await brokers.StartAsync(cf, flow, guid, "delete", UnbindOperationOf(binding), "unbind", flow.Unbind(cf.World, guid));
            return CfResults.Job(cf.Urls, job.Guid);
        }

        if (instance.Type == ServiceInstance.Managed)
        {
            var job = cf.Write(transaction =>
            {
                transaction.Put(binding with { LastOperation = new LastOperation("delete", "in progress", null, transaction.Now, transaction.Now), UpdatedAt = transaction.Now });
                return jobs.Enqueue(transaction, UnbindOperationOf(binding), "service_credential_binding", guid);
            });
            return CfResults.Job(cf.Urls, job.Guid);
        }

        cf.Write(transaction => transaction.Remove<CredentialBinding>(guid));
        return CfResults.NoContent();
    }

    public static string UnbindOperationOf(CredentialBinding binding) => binding.Type == "app" ? AppUnbindOperation : KeyDeleteOperation;

    /// <summary>
    /// The parameters a managed binding was created with: kept by the built-in broker, fetched from a registered broker
    /// whose offering has <c>bindings_retrievable</c>.
    /// </summary>
    private static async Task<IResult> CredentialParameters(string guid, CfContext cf, OsbapiClient client, CredentialBindingBrokerFlow flow)
    {
        var access = cf.Access();
        var binding = VisibleCredentialBinding(access, guid);
        var instance = access.World.Find<ServiceInstance>(binding.ServiceInstanceGuid)!;
        if (instance.Type == ServiceInstance.UserProvided)
        {
            throw CfErrors.Unprocessable("Binding parameters are not supported for user-provided service instances");
        }

        if (BrokerPlan.Of(access.World, instance.ServicePlanGuid) is not { Offering.Features.BindingsRetrievable: true } plan)
        {
            throw CfException.FromCatalogue("ServiceFetchBindingParametersNotSupported");
        }

        if (!plan.IsExternal)
        {
            return Results.Content(binding.ParametersJson ?? "{}", "application/json");
        }

        var reply = await client.SendAsync(plan.Broker, flow.Fetch(access.World, guid), cf.Caller.UserGuid, cf.Http.RequestAborted);
        return reply.Error is { } error
            ? throw new CfException(StatusCodes.Status502BadGateway, error)
            : Results.Content((reply.Body["parameters"] as System.Text.Json.Nodes.JsonObject ?? []).ToJsonString(), "application/json");
    }

    private static async Task<IResult> UpdateCredentialBinding(string guid, CfContext cf)
    {
        var access = cf.Access();
        var binding = VisibleCredentialBinding(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<ServiceInstance>(binding.ServiceInstanceGuid)!.SpaceGuid));
        var updated = await MetadataPatch.ApplyAsync<CredentialBinding>(cf, guid, "Service credential binding", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
        return CfResults.Ok(CredentialBindingResponse.From(updated, cf.Urls));
    }
}
