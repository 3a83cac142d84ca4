using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.SecurityGroups;

/// <summary>An application security group: egress rules, global enablement and the spaces it is bound to.</summary>
public sealed record SecurityGroup(
    string Guid,
    string Name,
    bool RunningGlobally,
    bool StagingGlobally,
    ImmutableList<SecurityGroupRule> Rules,
    ImmutableSortedSet<string> RunningSpaceGuids,
    ImmutableSortedSet<string> StagingSpaceGuids,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITimestamped;

public sealed record SecurityGroupRule(string Protocol, string Destination, string? Ports, int? Type, int? Code, string? Description, bool Log);

public sealed record SecurityGroupResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    object GloballyEnabled,
    IReadOnlyList<object> Rules,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static SecurityGroupResponse From(SecurityGroup group, Func<string, bool> canSeeSpace, CfUrls urls) => new(
        group.Guid, group.CreatedAt, group.UpdatedAt, group.Name,
        new { running = group.RunningGlobally, staging = group.StagingGlobally },
        [.. group.Rules.Select(Present)],
        new
        {
            running_spaces = ToMany.Of(group.RunningSpaceGuids.Where(canSeeSpace)),
            staging_spaces = ToMany.Of(group.StagingSpaceGuids.Where(canSeeSpace)),
        },
        new Dictionary<string, Link> { ["self"] = urls.Link("/v3/security_groups/" + group.Guid) });

    private static object Present(SecurityGroupRule rule)
    {
        var wire = new Dictionary<string, object?> { ["protocol"] = rule.Protocol, ["destination"] = rule.Destination };
        if (rule.Ports is not null)
        {
            wire["ports"] = rule.Ports;
        }

        if (rule.Type is not null)
        {
            wire["type"] = rule.Type;
            wire["code"] = rule.Code;
        }

        if (rule.Description is not null)
        {
            wire["description"] = rule.Description;
        }

        wire["log"] = rule.Log;
        return wire;
    }
}
