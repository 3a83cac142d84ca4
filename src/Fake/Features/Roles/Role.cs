using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.Roles;

public sealed record Role(
    string Guid,
    string Type,
    string UserGuid,
    string? OrganizationGuid,
    string? SpaceGuid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;

/// <summary>The role types of <c>/v3/roles</c>.</summary>
public static class RoleTypes
{
    public const string OrganizationUser = "organization_user";
    public const string OrganizationAuditor = "organization_auditor";
    public const string OrganizationManager = "organization_manager";
    public const string OrganizationBillingManager = "organization_billing_manager";
    public const string SpaceAuditor = "space_auditor";
    public const string SpaceDeveloper = "space_developer";
    public const string SpaceManager = "space_manager";
    public const string SpaceSupporter = "space_supporter";

    public static readonly IReadOnlyList<string> Organization =
        [OrganizationUser, OrganizationAuditor, OrganizationManager, OrganizationBillingManager];

    public static readonly IReadOnlyList<string> Space = [SpaceAuditor, SpaceDeveloper, SpaceManager, SpaceSupporter];

    public static readonly IReadOnlyList<string> All = [.. Organization, .. Space];

    public static bool IsOrganizationRole(string type) => Organization.Contains(type);
}
