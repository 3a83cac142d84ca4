using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.Uaa;

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
    DateTimeOffset UpdatedAt) : ITimestamped
{
    /// <summary>Adds an event to the world. Event guids are named by sequence, so auditing never shifts the guids of the resources clients create.</summary>
    public static AuditEvent Record(Transaction transaction, string type, AuditActor actor, AuditTarget target, JsonObject data, string? spaceGuid, string? organizationGuid) =>
        transaction.Put(new AuditEvent(transaction.NamedGuid("audit_event/" + transaction.Of<AuditEvent>().Count), type, actor, target, data, spaceGuid, organizationGuid, transaction.Now, transaction.Now));
}

public sealed record AuditActor(string Guid, string Type, string Name)
{
    public static AuditActor Of(Caller caller) => new(caller.UserGuid, "user", caller.UserName ?? caller.ClientId);
}

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
