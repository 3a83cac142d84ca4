using System.Text.RegularExpressions;
using CloudFoundry.Fake.Tests.Fuzz;

namespace CloudFoundry.Fake.Tests.Roles.Matrix;

/// <summary>
/// Cloud Controller's permission rules for every V3 operation, as answer patterns over the columns of
/// <see cref="MatrixRole.All"/>: no role, org auditor, org billing manager, space auditor, space supporter,
/// space developer, space manager, org manager, global auditor, admin read-only. <c>A</c>: allowed (answers as the
/// admin does), <c>F</c>: 403, <c>H</c>: 404 (the caller cannot see the resource), <c>U</c>: 422 (the caller cannot
/// see a resource named in the body). The first rule whose method and path match an operation applies.
/// </summary>
public static class RoleExpectations
{
    private const string Everyone = "AAAAAAAAAA";
    private const string GlobalReaders = "HHHHHHHHAA";
    private const string OrgReaders = "HAAAAAAAAA";
    private const string SpaceReaders = "HHHAAAAAAA";
    private const string RouteReaders = "HAHAAAAAAA";
    private const string SecretReaders = "HHHFFAFFFA";
    private const string EnvironmentReaders = "HHHFAAFFFA";
    private const string DropletDownloaders = "HHHAFAAAAA";
    private const string AdminWrites = "FFFFFFFFFF";
    private const string HiddenAdminWrites = "HHHHHHHHFF";
    private const string OrgAdminWrites = "HFFFFFFFFF";
    private const string OrgManagerWrites = "HFFFFFFAFF";
    private const string SpaceDeveloperWrites = "HHHFFAFFFF";
    private const string AppManagerWrites = "HHHFAAFFFF";
    private const string SpaceManagerWrites = "HHHFFFAAFF";
    private const string OrgManagerSpaceWrites = "HHHFFFFAFF";
    private const string RouteManagerWrites = "HFHFAAFFFF";
    private const string RouteDeveloperWrites = "HFHFFAFFFF";
    private const string DeveloperCreates = "UUUFFAFFFF";
    private const string AppManagerCreates = "UUUFAAFFFF";
    private const string AppManagerOnly = "UUUUAAUUUU";

    private static readonly (string Methods, Regex Path, string Answers)[] Rules =
    [
        ("GET", Path("/|/v3|/v3/info"), Everyone),
        ("GET", Path("/v3/info/usage_summary"), GlobalReaders),
        ("GET", Path("/v3/(app|service)_usage_events/{}"), GlobalReaders),
        ("POST", Path("/v3/(app|service)_usage_events/actions/destructively_purge_all_and_reseed"), AdminWrites),

        ("GET", Path("/v3/apps/{}/(env|environment_variables)"), EnvironmentReaders),
        ("GET", Path("/v3/apps/{}/manifest"), SecretReaders),
        ("GET", Path("/v3/revisions/{}/environment_variables"), SecretReaders),
        ("GET", Path("/v3/packages/{}/download"), SecretReaders),
        ("GET", Path("/v3/droplets/{}/download"), DropletDownloaders),
        ("GET", Path("/v3/service_instances/{}/credentials"), SecretReaders),
        ("GET", Path("/v3/service_credential_bindings/{}/(details|parameters)"), SecretReaders),
        ("GET", Path("/v3/(apps|packages|builds|droplets|processes|tasks|deployments|revisions|sidecars|spaces|service_instances|service_credential_bindings|service_route_bindings)/{}.*"), SpaceReaders),
        ("GET", Path("/v3/(routes|route_policies)/{}.*"), RouteReaders),
        ("GET", Path("/v3/organizations/{}.*"), OrgReaders),
        ("GET", Path("/v3/[a-z_]+"), Everyone),
        ("GET", Path("/v3/audit_events/{}"), "HAHHHHHHAA"),
        ("GET", Path("/v3/jobs/{}"), Everyone),
        ("GET", Path("/v3/(isolation_segments|service_brokers|users)/{}.*"), GlobalReaders),
        ("GET", Path("/v3/space_quotas/{}"), "HHHHHHHAAA"),
        ("GET", Path("/v3/(organization_quotas|roles)/{}"), OrgReaders),
        ("GET", Path("/v3/(domains|security_groups|service_plans|service_offerings)/{}.*"), Everyone),
        ("GET", Path("/v3/(stacks|buildpacks|feature_flags|environment_variable_groups)/{}.*"), Everyone),

        ("POST", Path("/v3/apps|/v3/packages|/v3/droplets|/v3/service_instances|/v3/service_brokers"), DeveloperCreates),
        ("POST", Path("/v3/routes|/v3/service_credential_bindings|/v3/service_route_bindings"), AppManagerCreates),
        ("POST", Path("/v3/builds|/v3/deployments"), AppManagerOnly),
        ("POST", Path("/v3/resource_matches"), Everyone),
        ("POST", Path("/v3/apps/{}/actions/(start|stop|restart|clear_buildpack_cache)"), AppManagerWrites),
        ("PATCH", Path("/v3/apps/{}/(environment_variables|relationships/current_droplet)"), AppManagerWrites),
        ("POST|PATCH|DELETE", Path("/v3/(processes/{}|apps/{}/processes/{})(/actions/scale|/instances/{})?"), AppManagerWrites),
        ("POST", Path("/v3/deployments/{}/actions/(cancel|continue)"), "HHHHAAHHHH"),
        ("POST", Path("/v3/tasks/{}/actions/cancel"), AppManagerWrites),
        ("PUT", Path("/v3/tasks/{}/cancel"), AppManagerWrites),
        ("DELETE", Path("/v3/service_credential_bindings/{}|/v3/service_route_bindings/{}"), AppManagerWrites),
        ("POST|PATCH|DELETE|PUT", Path("/v3/(apps|packages|builds|droplets|tasks|deployments|revisions|sidecars|service_instances|service_credential_bindings|service_route_bindings)/{}.*"), SpaceDeveloperWrites),
        ("PATCH", Path("/v3/routes/{}/relationships/space"), RouteDeveloperWrites),
        ("POST|PATCH|DELETE", Path("/v3/routes/{}.*"), RouteManagerWrites),
        ("DELETE", Path("/v3/spaces/{}"), OrgManagerSpaceWrites),
        ("DELETE", Path("/v3/spaces/{}/routes"), AppManagerWrites),
        ("POST", Path("/v3/spaces/{}/(actions/apply_manifest|manifest_diff)"), SpaceDeveloperWrites),
        ("PATCH", Path("/v3/spaces/{}/relationships/isolation_segment"), OrgManagerSpaceWrites),
        ("PATCH", Path("/v3/spaces/{}.*"), SpaceManagerWrites),
        ("DELETE", Path("/v3/organizations/{}"), OrgAdminWrites),
        ("PATCH", Path("/v3/organizations/{}.*"), OrgManagerWrites),
        ("POST", Path("/v3/spaces"), "UFFFFFFAFF"),
        ("PATCH|DELETE", Path("/v3/(service_brokers|users)/{}"), HiddenAdminWrites),
        ("POST", Path("/v3/roles|/v3/space_quotas"), "UFFFFFFAFF"),
        ("DELETE", Path("/v3/roles/{}"), OrgManagerWrites),
        ("POST|PATCH|DELETE", Path("/v3/space_quotas/{}.*"), "HHHHHHHAFF"),
        ("POST", Path("/v3/route_policies"), SpaceDeveloperWrites),
        ("PATCH|DELETE", Path("/v3/route_policies/{}"), RouteDeveloperWrites),
        ("POST", Path("/v3/security_groups/{}/relationships/(running|staging)_spaces"), "FFFFFFAAFF"),
        ("DELETE", Path("/v3/security_groups/{}/relationships/(running|staging)_spaces/{}"), "FFFFFFAAFF"),
        ("POST", Path("/v3/admin/actions/clear_buildpack_cache"), AdminWrites),
        ("POST|PATCH|DELETE|PUT", Path("/v3/(stacks|buildpacks|feature_flags|environment_variable_groups|isolation_segments|organization_quotas|service_brokers|service_offerings|service_plans|users|organizations|domains|security_groups)"), AdminWrites),
        ("POST|PATCH|DELETE|PUT", Path("/v3/(stacks|buildpacks|feature_flags|environment_variable_groups|isolation_segments|organization_quotas|domains|security_groups|service_offerings|service_plans)/.*"), AdminWrites),
    ];

    /// <summary>The expected answer of each role (in <see cref="MatrixRole.All"/> order), or null when no rule covers the operation.</summary>
    public static string? For(SpecOperation operation) =>
        Rules.FirstOrDefault(rule => rule.Methods.Split('|').Contains(operation.Method) && rule.Path.IsMatch(operation.Path)).Answers;

    private static Regex Path(string pattern) =>
        new("^(" + pattern.Replace("{}", @"\{[a-z_]+\}", StringComparison.Ordinal) + ")$", RegexOptions.CultureInvariant);
}
