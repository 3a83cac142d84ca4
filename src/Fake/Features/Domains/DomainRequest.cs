using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Domains;

/// <summary>The body of <c>POST /v3/domains</c>.</summary>
public sealed record DomainRequest(
    string Name,
    bool Internal,
    string? RouterGroupGuid,
    string? OrganizationGuid,
    IReadOnlyList<string> SharedOrganizationGuids,
    MetadataUpdate? Metadata,
    string? RoutePoliciesScope)
{
    private static readonly string[] Scopes = ["any", "org", "space"];

    public static DomainRequest Read(RequestBody body)
    {
        body.AllowOnly("name", "internal", "router_group", "enforce_route_policies", "route_policies_scope", "relationships", "metadata");
        var name = body.String("name", required: true);
        DomainRules.ValidateName(body, name);
        var isInternal = body.Boolean("internal") ?? false;
        var enforce = body.Boolean("enforce_route_policies") ?? false;
        var scope = body.String("route_policies_scope");
        var routerGroup = body.Object("router_group")?.String("guid", required: true);
        string? orgGuid = null;
        IReadOnlyList<string> shared = [];
        var relationships = body.Has("relationships") ? body.Object("relationships", notObjectMessage: "'relationships' is not an object") : null;
        if (relationships is not null)
        {
            relationships.AllowOnly("organization", "shared_organizations");
            orgGuid = relationships.ToOne("organization");
            if (relationships.Object("shared_organizations") is { } sharedOrganizations)
            {
                shared = sharedOrganizations.GuidList();
            }
        }

        if (isInternal && orgGuid is not null)
        {
            body.AddError("Cannot associate an internal domain with an organization");
        }

        if (routerGroup is not null && orgGuid is not null)
        {
            body.AddError("Domains scoped to an organization cannot be associated to a router group.");
        }

        if (routerGroup is not null && isInternal)
        {
            body.AddError("Internal domains cannot be associated to a router group.");
        }

        ValidateRoutePolicies(body, enforce, scope, isInternal, routerGroup is not null);

        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        return new DomainRequest(name!, isInternal, routerGroup, orgGuid, shared, metadata, enforce ? scope : null);
    }

    private static void ValidateRoutePolicies(RequestBody body, bool enforce, string? scope, bool isInternal, bool hasRouterGroup)
    {
        if (enforce && isInternal)
        {
            body.AddError("Internal domains cannot have route policy enforcement. Internal routes bypass GoRouter.");
        }

        if (enforce && hasRouterGroup)
        {
            body.AddError("Domains with a router group cannot have route policy enforcement. TCP routes do not support mTLS policy enforcement.");
        }

        if (scope is not null && !Scopes.Contains(scope))
        {
            body.AddError("route_policies_scope", "must be one of 'any', 'org', 'space'");
        }

        if (enforce && scope is null)
        {
            body.AddError("route_policies_scope", "is required when enforce_route_policies is true");
        }
    }
}
