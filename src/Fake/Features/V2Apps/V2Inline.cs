using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.V2Apps;

/// <summary>Related resources inlined by <c>inline-relations-depth</c>, in the V2 envelope.</summary>
public static class V2Inline
{
    public static object? Space(World world, string spaceGuid, int depth)
    {
        if (world.Find<Space>(spaceGuid) is not { } space)
        {
            return null;
        }

        var entity = new Dictionary<string, object?>
        {
            ["name"] = space.Name,
            ["organization_guid"] = space.OrganizationGuid,
            ["space_quota_definition_guid"] = space.QuotaGuid,
            ["isolation_segment_guid"] = space.IsolationSegmentGuid,
            ["allow_ssh"] = space.SshEnabled,
            ["organization_url"] = "/v2/organizations/" + space.OrganizationGuid,
            ["apps_url"] = $"/v2/spaces/{space.Guid}/apps",
        };
        if (depth > 0 && world.Find<Organization>(space.OrganizationGuid) is { } org)
        {
            entity["organization"] = Envelope(org.Guid, "/v2/organizations/", org.CreatedAt, org.UpdatedAt, new Dictionary<string, object?>
            {
                ["name"] = org.Name,
                ["billing_enabled"] = false,
                ["quota_definition_guid"] = org.QuotaGuid,
                ["status"] = org.Suspended ? "suspended" : "active",
                ["default_isolation_segment_guid"] = org.DefaultIsolationSegmentGuid,
                ["spaces_url"] = $"/v2/organizations/{org.Guid}/spaces",
            });
        }

        return Envelope(space.Guid, "/v2/spaces/", space.CreatedAt, space.UpdatedAt, entity);
    }

    public static object Stack(Stack stack) => Envelope(stack.Guid, "/v2/stacks/", stack.CreatedAt, stack.UpdatedAt, new Dictionary<string, object?>
    {
        ["name"] = stack.Name,
        ["description"] = stack.Description,
    });

    public static Dictionary<string, object?> Envelope(string guid, string collection, DateTimeOffset createdAt, DateTimeOffset updatedAt, Dictionary<string, object?> entity) => new()
    {
        ["metadata"] = new Dictionary<string, object?>
        {
            ["guid"] = guid,
            ["url"] = collection + guid,
            ["created_at"] = CfJson.Timestamp(createdAt),
            ["updated_at"] = CfJson.Timestamp(updatedAt),
        },
        ["entity"] = entity,
    };
}
