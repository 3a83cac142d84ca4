using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>
/// The admin side of the marketplace: offering and plan metadata, deleting offerings (with <c>purge</c>) and plans,
/// and plan visibility (public, admin, or a list of organizations: read, replace, add, remove one).
/// </summary>
public sealed class MarketplaceAdminApi : IFeatureModule
{
    private static readonly string[] VisibilityTypes = ["public", "admin", "organization"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPatch("/v3/service_offerings/{guid}", async (string guid, CfContext cf) =>
        {
            Writable<ServiceOffering>(cf.Access(), guid, "Service offering");
            var updated = await MetadataPatch.ApplyAsync<ServiceOffering>(cf, guid, "Service offering", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
            return CfResults.Ok(ServiceOfferingResponse.From(updated, cf.Urls));
        });
        routes.MapPatch("/v3/service_plans/{guid}", async (string guid, CfContext cf) =>
        {
            Writable<ServicePlan>(cf.Access(), guid, "Service plan");
            var updated = await MetadataPatch.ApplyAsync<ServicePlan>(cf, guid, "Service plan", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
            return CfResults.Ok(ServicePlanResponse.From(updated, cf.Urls));
        });
        routes.MapDelete("/v3/service_offerings/{guid}", DeleteOffering);
        routes.MapDelete("/v3/service_plans/{guid}", (string guid, CfContext cf) =>
        {
            Writable<ServicePlan>(cf.Access(), guid, "Service plan");
            cf.Write(transaction =>
            {
                if (transaction.Of<ServiceInstance>().All.Any(instance => instance.ServicePlanGuid == guid))
                {
                    throw CfErrors.Unprocessable("Please delete the service_instances associations for your service_plans.");
                }

                transaction.Remove<ServicePlan>(guid);
            });
            return CfResults.NoContent();
        });
        routes.MapGet("/v3/service_plans/{guid}/visibility", (string guid, CfContext cf) =>
        {
            var plan = cf.Access().World.Find<ServicePlan>(guid) ?? throw CfErrors.NotFound("Service plan");
            return CfResults.Ok(Visibility(cf.World, plan));
        });
        routes.MapPatch("/v3/service_plans/{guid}/visibility", (string guid, CfContext cf) => ChangeVisibilityAsync(guid, cf, replace: true));
        routes.MapPost("/v3/service_plans/{guid}/visibility", (string guid, CfContext cf) => ChangeVisibilityAsync(guid, cf, replace: false));
        routes.MapDelete("/v3/service_plans/{guid}/visibility/{organizationGuid}", (string guid, string organizationGuid, CfContext cf) =>
        {
            Writable<ServicePlan>(cf.Access(), guid, "Service plan");
            cf.Write(transaction =>
            {
                var plan = transaction.Find<ServicePlan>(guid) ?? throw CfErrors.NotFound("Service plan");
                if (!plan.Organizations.Contains(organizationGuid))
                {
                    throw CfErrors.NotFound("Service plan visibility");
                }

                transaction.Put(plan with { VisibleOrganizationGuids = plan.Organizations.Remove(organizationGuid), UpdatedAt = transaction.Now });
            });
            return CfResults.NoContent();
        });
    }

    /// <summary>Admins change the marketplace; anyone else who can see the resource is forbidden, the rest get 404.</summary>
    private static T Writable<T>(Access access, string guid, string name)
        where T : class, IResource
    {
        var resource = access.World.Find<T>(guid) ?? throw CfErrors.NotFound(name);
        access.Require(access.IsAdmin);
        return resource;
    }

    private static IResult DeleteOffering(string guid, CfContext cf)
    {
        var purge = cf.Http.Request.Query["purge"].ToString();
        if (purge is not ("" or "true" or "false"))
        {
            throw CfErrors.BadQuery("Purge only accepts the values 'true' or 'false'");
        }

        Writable<ServiceOffering>(cf.Access(), guid, "Service offering");
        cf.Write(transaction =>
        {
            var plans = transaction.Of<ServicePlan>().All.Where(plan => plan.OfferingGuid == guid).Select(plan => plan.Guid).ToHashSet(StringComparer.Ordinal);
            if (purge != "true" && plans.Count > 0)
            {
                throw CfErrors.Unprocessable("Please delete the service_plans associations for your services.");
            }

            transaction.RemoveWhere<ServiceInstance>(instance => instance.ServicePlanGuid is { } plan && plans.Contains(plan));
            transaction.RemoveWhere<ServicePlan>(plan => plans.Contains(plan.Guid));
            transaction.Remove<ServiceOffering>(guid);
        });
        return CfResults.NoContent();
    }

    private static async Task<IResult> ChangeVisibilityAsync(string guid, CfContext cf, bool replace)
    {
        Writable<ServicePlan>(cf.Access(), guid, "Service plan");
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("type", "organizations");
        var type = body.String("type", required: true);
        if (type is not null && !VisibilityTypes.Contains(type))
        {
            body.AddError("type", "must be one of 'public', 'admin', 'organization'");
        }

        var organizations = body.Json["organizations"] is System.Text.Json.Nodes.JsonArray list
            ? list.Select(item => item?["guid"]?.ToString()).ToList()
            : [];
        if (type == "organization" && organizations.Count == 0 && !body.Has("organizations"))
        {
            body.AddError("organizations", "must be specified when type is 'organization'");
        }

        if (type != "organization" && body.Has("organizations"))
        {
            body.AddError("organizations", "can only be specified when type is 'organization'");
        }

        body.ThrowIfInvalid();
        var missing = organizations.Where(org => org is null || cf.World.Find<Organization>(org) is null).ToList();
        if (missing.Count > 0)
        {
            throw CfErrors.Unprocessable($"Could not find Organizations with guids: {string.Join(", ", missing.Select(org => $"\"{org}\""))}");
        }

        var updated = cf.Write(transaction =>
        {
            var plan = transaction.Find<ServicePlan>(guid) ?? throw CfErrors.NotFound("Service plan");
            var current = replace || plan.VisibilityType != "organization" ? ImmutableSortedSet<string>.Empty : plan.Organizations;
            return transaction.Put(plan with { VisibilityType = type!, VisibleOrganizationGuids = current.Union(organizations!), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(replace ? Visibility(cf.World, updated) : new { type = updated.VisibilityType });
    }

    private static object Visibility(World world, ServicePlan plan) => plan.VisibilityType == "organization"
        ? new
        {
            type = plan.VisibilityType,
            organizations = plan.Organizations.Select(world.Find<Organization>).OfType<Organization>().Select(org => new { guid = org.Guid, name = org.Name }).ToList(),
        }
        : new { type = plan.VisibilityType };
}
