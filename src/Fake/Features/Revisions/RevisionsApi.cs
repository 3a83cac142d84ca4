using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Revisions;

/// <summary>Revisions of apps: list (all and deployed), read, environment variables, metadata.</summary>
public sealed class RevisionsApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { Filters = ["versions"] };

    private static readonly ListSpec DeployedSpec = new() { LabelSelector = false, Timestamps = false };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<DeletionCascade>().OnDelete<App>((transaction, app) => transaction.RemoveWhere<Revision>(revision => revision.AppGuid == app.Guid));
        routes.MapGet("/v3/apps/{guid}/revisions", List);
        routes.MapGet("/v3/apps/{guid}/revisions/deployed", Deployed);
        routes.MapGet("/v3/revisions/{guid}", (string guid, CfContext cf) => CfResults.Ok(RevisionResponse.From(Visible(cf.Access(), guid), cf.Urls)));
        routes.MapPatch("/v3/revisions/{guid}", Update);
        routes.MapGet("/v3/revisions/{guid}/environment_variables", EnvironmentVariables);
    }

    /// <summary>A revision the caller can see, or 404.</summary>
    public static Revision Visible(Access access, string guid) => AppOwned.Visible<Revision>(access, guid, "Revision");

    private static IResult List(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var app = AppsApi.Visible(cf.Access(), guid);
        var revisions = query.Standard(RevisionHistory.Of(cf.World, app.Guid));
        revisions = query.Where(revisions, "versions", revision => revision.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return CfResults.Ok(query.Respond(revisions, revision => RevisionResponse.From(revision, cf.Urls), cf.Urls, $"/v3/apps/{guid}/revisions"));
    }

    private static IResult Deployed(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, DeployedSpec);
        var app = AppsApi.Visible(cf.Access(), guid);
        var deployed = RevisionHistory.Deployed(cf.World, app) is { } revision ? new[] { revision } : [];
        return CfResults.Ok(query.Respond(query.Standard(deployed), item => RevisionResponse.From(item, cf.Urls), cf.Urls, $"/v3/apps/{guid}/revisions/deployed"));
    }

    private static IResult EnvironmentVariables(string guid, CfContext cf)
    {
        var access = cf.Access();
        var revision = Visible(access, guid);
        var app = access.World.Find<App>(revision.AppGuid)!;
        access.Require(access.Caller.ReadsSecretsEverywhere || access.CanWriteToSpace(app.SpaceGuid));
        return CfResults.Ok(new
        {
            var = revision.EnvironmentVariables,
            links = new
            {
                self = cf.Urls.Link($"/v3/revisions/{guid}/environment_variables"),
                revision = cf.Urls.Link("/v3/revisions/" + guid),
                app = cf.Urls.Link("/v3/apps/" + revision.AppGuid),
            },
        });
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var revision = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(revision.AppGuid)!.SpaceGuid));
        var updated = await MetadataPatch.ApplyAsync<Revision>(cf, guid, "Revision", (current, metadata, now) => current with { Metadata = metadata, UpdatedAt = now });
        return CfResults.Ok(RevisionResponse.From(updated, cf.Urls));
    }
}
