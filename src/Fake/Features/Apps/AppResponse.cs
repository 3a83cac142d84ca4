using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Apps;

public sealed record AppResponse(
    string Guid,
    string Name,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    object Lifecycle,
    AppRelationships Relationships,
    IReadOnlyDictionary<string, Link> Links,
    MetadataResponse Metadata)
{
    public static AppResponse From(App app, CfUrls urls)
    {
        var path = "/v3/apps/" + app.Guid;
        return new AppResponse(
            app.Guid, app.Name, app.State, app.CreatedAt, app.UpdatedAt, app.Lifecycle.ToWire(),
            new AppRelationships(new ToOne(app.SpaceGuid), new ToOne(app.CurrentDropletGuid)),
            new Dictionary<string, Link>
            {
                ["self"] = urls.Link(path),
                ["space"] = urls.Link("/v3/spaces/" + app.SpaceGuid),
                ["processes"] = urls.Link(path + "/processes"),
                ["packages"] = urls.Link(path + "/packages"),
                ["environment_variables"] = urls.Link(path + "/environment_variables"),
                ["current_droplet"] = urls.Link(path + "/droplets/current"),
                ["droplets"] = urls.Link(path + "/droplets"),
                ["tasks"] = urls.Link(path + "/tasks"),
                ["start"] = urls.Link(path + "/actions/start", "POST"),
                ["stop"] = urls.Link(path + "/actions/stop", "POST"),
                ["revisions"] = urls.Link(path + "/revisions"),
                ["deployed_revisions"] = urls.Link(path + "/revisions/deployed"),
                ["features"] = urls.Link(path + "/features"),
            },
            MetadataResponse.From(app.Metadata));
    }
}

public sealed record AppRelationships(ToOne Space, ToOne CurrentDroplet);
