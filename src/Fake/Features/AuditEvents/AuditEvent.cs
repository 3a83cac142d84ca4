using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.AuditEvents;

/// <summary>Who did what to which resource, and where: recorded for the writes clients make, as the Cloud Controller does.</summary>
public sealed record AuditEvent(
    string Guid,
    string Type,
    AuditActor Actor,
    AuditTarget Target,
    JsonObject Data,
    string? SpaceGuid,
    string? OrganizationGuid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;

public sealed record AuditActor(string Guid, string Type, string Name);

public sealed record AuditTarget(string Guid, string Type, string Name);

public sealed record AuditEventResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Type,
    AuditActor Actor,
    AuditTarget Target,
    JsonObject Data,
    object Space,
    object Organization,
    IReadOnlyDictionary<string, Link> Links)
{
    public static AuditEventResponse From(AuditEvent audit, CfUrls urls) => new(
        audit.Guid,
        audit.CreatedAt,
        audit.UpdatedAt,
        audit.Type,
        audit.Actor,
        audit.Target,
        (JsonObject)audit.Data.DeepClone(),
        audit.SpaceGuid is null ? null! : new { guid = audit.SpaceGuid },
        audit.OrganizationGuid is null ? null! : new { guid = audit.OrganizationGuid },
        new Dictionary<string, Link> { ["self"] = urls.Link("/v3/audit_events/" + audit.Guid) });
}
