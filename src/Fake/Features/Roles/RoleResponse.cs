using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.Roles;

public sealed record RoleResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Type,
    RoleRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static RoleResponse From(Role role, CfUrls urls)
    {
        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/roles/" + role.Guid),
            ["user"] = urls.Link("/v3/users/" + role.UserGuid),
        };
        if (role.OrganizationGuid is not null)
        {
            links["organization"] = urls.Link("/v3/organizations/" + role.OrganizationGuid);
        }

        if (role.SpaceGuid is not null)
        {
            links["space"] = urls.Link("/v3/spaces/" + role.SpaceGuid);
        }

        return new RoleResponse(role.Guid, role.CreatedAt, role.UpdatedAt, role.Type,
            new RoleRelationships(new ToOne(role.UserGuid), new ToOne(role.OrganizationGuid), new ToOne(role.SpaceGuid)), links);
    }
}

public sealed record RoleRelationships(ToOne User, ToOne Organization, ToOne Space);
