using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Spaces;

public sealed record SpaceResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    bool Suspended,
    SpaceRelationships Relationships,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    public static SpaceResponse From(Space space, CfUrls urls)
    {
        var path = "/v3/spaces/" + space.Guid;
        var links = new Dictionary<string, Link>
        {
            ["self"] = urls.Link(path),
            ["organization"] = urls.Link("/v3/organizations/" + space.OrganizationGuid),
            ["features"] = urls.Link(path + "/features"),
            ["apply_manifest"] = urls.Link(path + "/actions/apply_manifest", "POST"),
        };
        if (space.QuotaGuid is not null)
        {
            links["quota"] = urls.Link("/v3/space_quotas/" + space.QuotaGuid);
        }

        return new SpaceResponse(
            space.Guid, space.CreatedAt, space.UpdatedAt, space.Name, space.Suspended,
            new SpaceRelationships(new ToOne(space.OrganizationGuid), new ToOne(space.QuotaGuid)),
            MetadataResponse.From(space.Metadata),
            links);
    }
}

public sealed record SpaceRelationships(ToOne Organization, ToOne Quota);
