using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.ServiceInstances;

/// <summary>Sharing a service instance with other spaces (feature flag <c>service_instance_sharing</c>).</summary>
public static class SharedSpaces
{
    private static readonly ListSpec FieldsSpec = new()
    {
        Paginated = false,
        Timestamps = false,
        LabelSelector = false,
        Fields = new Dictionary<string, IReadOnlyList<string>>
        {
            ["space"] = ["guid", "name", "relationships.organization"],
            ["space.organization"] = ["guid", "name"],
        },
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/service_instances/{guid}/relationships/shared_spaces", (string guid, CfContext cf) =>
        {
            var query = ListQuery.Parse(cf.Http.Request, FieldsSpec);
            var instance = ServiceInstancesApi.Visible(cf.Access(), guid);
            return Present(instance, cf.Urls, InstanceFields.Included(cf.World, query.Fields, [], instance.SharedSpaceGuids.Select(cf.World.Find<Space>).OfType<Space>()));
        });
        routes.MapGet("/v3/service_instances/{guid}/relationships/shared_spaces/usage_summary", (string guid, CfContext cf) =>
        {
            var instance = ServiceInstancesApi.Visible(cf.Access(), guid);
            return CfResults.Ok(new
            {
                usage_summary = instance.SharedSpaceGuids.Select(space => new
                {
                    space = new GuidReference(space),
                    bound_app_count = cf.World.Of<ServiceBindings.CredentialBinding>().All.Count(binding =>
                        binding.ServiceInstanceGuid == instance.Guid && cf.World.Find<Apps.App>(binding.AppGuid)?.SpaceGuid == space),
                }),
                links = new
                {
                    self = cf.Urls.Link($"/v3/service_instances/{guid}/relationships/shared_spaces/usage_summary"),
                    shared_spaces = cf.Urls.Link($"/v3/service_instances/{guid}/relationships/shared_spaces"),
                    service_instance = cf.Urls.Link("/v3/service_instances/" + guid),
                },
            });
        });
        routes.MapPost("/v3/service_instances/{guid}/relationships/shared_spaces", Share);
        routes.MapDelete("/v3/service_instances/{guid}/relationships/shared_spaces/{spaceGuid}", (string guid, string spaceGuid, CfContext cf) =>
        {
            var access = cf.Access();
            var instance = ServiceInstancesApi.Visible(access, guid);
            access.Require(access.CanWriteToSpace(instance.SpaceGuid));
            cf.Write(transaction => transaction.Put(instance with { SharedSpaceGuids = instance.SharedSpaceGuids.Remove(spaceGuid) }));
            return CfResults.NoContent();
        });
    }

    private static async Task<IResult> Share(string guid, CfContext cf)
    {
        var access = cf.Access();
        var instance = ServiceInstancesApi.Visible(access, guid);
        if (!FeatureFlag.IsEnabled(access.World, "service_instance_sharing"))
        {
            throw CfErrors.FeatureDisabled("service_instance_sharing");
        }

        access.Require(access.CanWriteToSpace(instance.SpaceGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var spaces = body.GuidList();
        body.ThrowIfInvalid();
        if (instance.Type == ServiceInstance.UserProvided)
        {
            throw CfErrors.Unprocessable("User-provided services cannot be shared.");
        }

        foreach (var spaceGuid in spaces)
        {
            if (access.World.Find<Space>(spaceGuid) is not { } space || !access.CanReadSpace(space))
            {
                throw CfErrors.Unprocessable($"The space '{spaceGuid}' could not be found or you do not have access to it.");
            }

            if (space.Guid == instance.SpaceGuid)
            {
                throw CfErrors.Unprocessable($"Unable to share service instance '{instance.Name}' with space '{space.Guid}'. Service instances cannot be shared into the space where they were created.");
            }
        }

        var updated = cf.Write(transaction => transaction.Put(instance with { SharedSpaceGuids = instance.SharedSpaceGuids.Union(spaces) }));
        return Present(updated, cf.Urls);
    }

    private static IResult Present(ServiceInstance instance, CfUrls urls, Dictionary<string, IReadOnlyList<object>>? included = null) => CfResults.Ok(new SharedSpacesResponse(
        [.. instance.SharedSpaceGuids.Select(space => new GuidReference(space))],
        new { self = urls.Link($"/v3/service_instances/{instance.Guid}/relationships/shared_spaces") },
        included));

    private sealed record SharedSpacesResponse(
        IReadOnlyList<GuidReference> Data,
        object Links,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, IReadOnlyList<object>>? Included);
}
