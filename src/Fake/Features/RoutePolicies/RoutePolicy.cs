using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.RoutePolicies;

/// <summary>
/// Who may reach a route on a domain that enforces route policies: <c>cf:app:&lt;guid&gt;</c>,
/// <c>cf:space:&lt;guid&gt;</c>, <c>cf:org:&lt;guid&gt;</c> or <c>cf:any</c>.
/// </summary>
public sealed record RoutePolicy(string Guid, string RouteGuid, string Source, ResourceMetadata Metadata, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) : ILabelled
{
    public const string Any = "cf:any";

    /// <summary>app, space, org or any.</summary>
    public string SourceType => Source == Any ? "any" : Source.Split(':')[1];

    public string? SourceGuid => Source == Any ? null : Source.Split(':')[2];
}

public sealed record RoutePolicyResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Source,
    MetadataResponse Metadata,
    object Relationships,
    IReadOnlyDictionary<string, Link> Links)
{
    public static RoutePolicyResponse From(RoutePolicy policy, CfUrls urls)
    {
        ToOne Related(string type) => new(policy.SourceType == type ? policy.SourceGuid : null);
        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/route_policies/" + policy.Guid),
            ["route"] = urls.Link("/v3/routes/" + policy.RouteGuid),
        };
        switch (policy.SourceType)
        {
            case "app":
                links["app"] = urls.Link("/v3/apps/" + policy.SourceGuid);
                break;
            case "space":
                links["space"] = urls.Link("/v3/spaces/" + policy.SourceGuid);
                break;
            case "org":
                links["organization"] = urls.Link("/v3/organizations/" + policy.SourceGuid);
                break;
        }

        return new RoutePolicyResponse(
            policy.Guid, policy.CreatedAt, policy.UpdatedAt, policy.Source, MetadataResponse.From(policy.Metadata),
            new { route = new ToOne(policy.RouteGuid), app = Related("app"), space = Related("space"), organization = Related("org") },
            links);
    }
}
