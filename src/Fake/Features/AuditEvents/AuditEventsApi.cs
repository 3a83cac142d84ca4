using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;

namespace CloudFoundry.Fake.Features.AuditEvents;

/// <summary>
/// Audit events (<c>cf events</c>): list and read. Admins and global auditors see all; others the events of spaces
/// they can read and of organizations they audit or manage.
/// </summary>
public sealed class AuditEventsApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { Filters = ["types", "target_guids", "target_guids[not]", "space_guids", "organization_guids"], LabelSelector = false };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/audit_events", List);
        routes.MapGet("/v3/audit_events/{guid}", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var audit = access.World.Find<AuditEvent>(guid);
            return audit is not null && CanSee(access, audit) ? CfResults.Ok(AuditEventResponse.From(audit, cf.Urls)) : throw CfErrors.NotFound("Event");
        });
    }

    /// <summary>Cloud Controller shows events to space auditors, developers and supporters of their space and to auditors of their org.</summary>
    private static bool CanSee(Access access, AuditEvent audit) =>
        access.Caller.ReadsEverything
        || (audit.SpaceGuid is { } space && access.HasSpaceRole(space, RoleTypes.SpaceAuditor, RoleTypes.SpaceDeveloper, RoleTypes.SpaceSupporter))
        || (audit.OrganizationGuid is { } org && access.HasOrgRole(org, RoleTypes.OrganizationAuditor));

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var events = query.Standard(access.World.Of<AuditEvent>()).Where(audit => CanSee(access, audit));
        events = query.Where(events, "types", audit => audit.Type);
        events = query.Where(events, "target_guids", audit => audit.Target.Guid);
        if (query.Values("target_guids[not]") is { } excluded)
        {
            events = events.Where(audit => !excluded.Contains(audit.Target.Guid ?? string.Empty, StringComparer.Ordinal));
        }

        events = query.Where(events, "space_guids", audit => audit.SpaceGuid);
        events = query.Where(events, "organization_guids", audit => audit.OrganizationGuid);
        return CfResults.Ok(query.Respond(events, audit => AuditEventResponse.From(audit, cf.Urls), cf.Urls, "/v3/audit_events"));
    }
}
