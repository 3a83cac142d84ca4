using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Roles;

/// <summary>
/// Gives a user a role in an organization or space, with Cloud Controller's rules: the target must exist, a
/// space role needs an organization role in the space's org, and a duplicate is a 422 the cf CLI recognises.
/// </summary>
public static class RoleAssignment
{
    public static Role Assign(Transaction transaction, string type, string userGuid, string targetGuid, string userLabel)
    {
        var isOrgRole = RoleTypes.IsOrganizationRole(type);
        string? orgGuid = null;
        string? spaceGuid = null;
        string targetName;
        if (isOrgRole)
        {
            var org = transaction.Find<Organization>(targetGuid)
                ?? throw CfErrors.Unprocessable("Invalid organization. Ensure that the organization exists and you have access to it.");
            orgGuid = org.Guid;
            targetName = org.Name;
        }
        else
        {
            var space = transaction.Find<Space>(targetGuid)
                ?? throw CfErrors.Unprocessable("Invalid space. Ensure that the space exists and you have access to it.");
            spaceGuid = space.Guid;
            targetName = space.Name;
            var memberOfOrg = transaction.Of<Role>().All.Any(role => role.UserGuid == userGuid && role.OrganizationGuid == space.OrganizationGuid);
            if (!memberOfOrg)
            {
                throw CfErrors.Unprocessable($"Users cannot be assigned roles in a space if they do not have a role in that space's organization.");
            }
        }

        if (transaction.Of<Role>().All.Any(role => role.UserGuid == userGuid && role.Type == type &&
                                                   role.OrganizationGuid == orgGuid && role.SpaceGuid == spaceGuid))
        {
            throw CfErrors.Unprocessable($"User '{userLabel}' already has '{type}' role in {(isOrgRole ? "organization" : "space")} '{targetName}'.");
        }

        return transaction.Put(new Role(transaction.NewGuid(), type, userGuid, orgGuid, spaceGuid, transaction.Now, transaction.Now));
    }
}
