using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Domains;

/// <summary>A shared domain (no owning organization) or a private one (owned by an organization, maybe shared with others).</summary>
public sealed record Domain(
    string Guid,
    string Name,
    bool Internal,
    string? RouterGroupGuid,
    string? OrganizationGuid,
    ImmutableSortedSet<string> SharedOrganizationGuids,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? RoutePoliciesScope = null) : ILabelled
{
    /// <summary>Whether routes of this domain only accept traffic their route policies allow (then scoped any, org or space).</summary>
    public bool EnforcesRoutePolicies => RoutePoliciesScope is not null;

    public const string TcpRouterGroup = "5806b8d2-0b3a-4b07-9f0b-e6a2b2b1c2d3";

    public bool IsShared => OrganizationGuid is null;

    public bool IsTcp => RouterGroupGuid is not null;

    public IReadOnlyList<string> SupportedProtocols => IsTcp ? ["tcp"] : ["http"];

    /// <summary>Whether routes of spaces in this organization may use the domain.</summary>
    public bool IsUsableBy(string organizationGuid) =>
        IsShared || OrganizationGuid == organizationGuid || SharedOrganizationGuids.Contains(organizationGuid);
}
