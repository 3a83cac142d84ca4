using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Roles;

/// <summary>The body of <c>POST /v3/roles</c>, validated with Cloud Controller's messages.</summary>
public sealed record RoleRequest(string Type, string? OrganizationGuid, string? SpaceGuid, string? UserGuid, string? Username, string? Origin)
{
    public static RoleRequest Read(RequestBody body)
    {
        body.AllowOnly("type", "relationships");
        var type = body.String("type", required: true);
        if (type is not null && !RoleTypes.All.Contains(type))
        {
            body.AddError("type", $"must be one of the allowed types [\"{string.Join("\", \"", RoleTypes.All)}\"]");
        }

        string? orgGuid = null, spaceGuid = null, userGuid = null, username = null, origin = null;
        var relationships = body.Object("relationships", required: true, notObjectMessage: "'relationships' is not an object");
        if (relationships is not null)
        {
            relationships.AllowOnly("user", "organization", "space");
            (userGuid, username, origin) = ReadUser(relationships);
            var hasOrg = relationships.Has("organization");
            var hasSpace = relationships.Has("space");
            if (hasOrg && hasSpace)
            {
                relationships.AddError("cannot specify both an organization and a space.");
            }
            else if (!hasOrg && !hasSpace)
            {
                relationships.AddError("must specify either a space or an organization.");
            }
            else if (hasSpace && type is not null && RoleTypes.IsOrganizationRole(type))
            {
                relationships.AddError("space", $"cannot be provided with the organization role type: '{type}'.");
            }
            else if (hasOrg && type is not null && !RoleTypes.IsOrganizationRole(type))
            {
                relationships.AddError("organization", $"cannot be provided with the space role type: '{type}'.");
            }
            else
            {
                orgGuid = hasOrg ? relationships.ToOne("organization") : null;
                spaceGuid = hasSpace ? relationships.ToOne("space") : null;
            }
        }

        body.ThrowIfInvalid();
        return new RoleRequest(type!, orgGuid, spaceGuid, userGuid, username, origin);
    }

    private static (string? Guid, string? Username, string? Origin) ReadUser(RequestBody relationships)
    {
        var user = relationships.Object("user", required: true);
        var data = user?.Object("data", required: true);
        if (data is null)
        {
            return (null, null, null);
        }

        var guid = data.String("guid");
        var username = data.String("username");
        var origin = data.String("origin");
        if (guid is not null && username is not null)
        {
            relationships.AddError("username", "cannot be specified when identifying user by guid");
        }
        else if (guid is not null && origin is not null)
        {
            relationships.AddError("user_origin", "cannot be specified when identifying user by guid");
        }
        else if (username is null && origin is not null)
        {
            relationships.AddError("user_origin", "cannot be specified without specifying the username");
        }
        else if (guid is null && username is null)
        {
            relationships.AddError("user", "must have a username or guid specified");
        }

        return (guid, username, origin);
    }
}
