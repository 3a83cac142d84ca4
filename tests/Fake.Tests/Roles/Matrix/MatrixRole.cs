using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Roles.Matrix;

/// <summary>
/// A caller of the role matrix: its column in <see cref="RoleExpectations"/> (the order of <see cref="All"/>) and how
/// to seed it as a user of the org and space that own the fuzz target's resources.
/// </summary>
public sealed record MatrixRole(string Name, string? OrgRole, string? SpaceRole, string? Scope)
{
    public static readonly IReadOnlyList<MatrixRole> All =
    [
        new("no_role", null, null, null),
        new(RoleTypes.OrganizationAuditor, RoleTypes.OrganizationAuditor, null, null),
        new(RoleTypes.OrganizationBillingManager, RoleTypes.OrganizationBillingManager, null, null),
        new(RoleTypes.SpaceAuditor, RoleTypes.OrganizationUser, RoleTypes.SpaceAuditor, null),
        new(RoleTypes.SpaceSupporter, RoleTypes.OrganizationUser, RoleTypes.SpaceSupporter, null),
        new(RoleTypes.SpaceDeveloper, RoleTypes.OrganizationUser, RoleTypes.SpaceDeveloper, null),
        new(RoleTypes.SpaceManager, RoleTypes.OrganizationUser, RoleTypes.SpaceManager, null),
        new(RoleTypes.OrganizationManager, RoleTypes.OrganizationManager, null, null),
        new("global_auditor", null, null, "cloud_controller.global_auditor"),
        new("admin_read_only", null, null, "cloud_controller.admin_read_only"),
    ];

    public Task<HttpClient> ClientAsync(TestFoundation foundation, string org, string space)
    {
        var username = "matrix-" + Name;
        if (Scope is not null)
        {
            return foundation.ClientWithScopesAsync(username, Scope);
        }

        var roles = new List<(string, string)>();
        if (OrgRole is not null)
        {
            roles.Add((OrgRole, org));
        }

        if (SpaceRole is not null)
        {
            roles.Add((SpaceRole, space));
        }

        return foundation.ClientForUserAsync(username, [.. roles]);
    }

    public override string ToString() => Name;
}
