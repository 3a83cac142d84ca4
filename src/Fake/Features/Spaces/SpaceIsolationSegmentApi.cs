using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Spaces;

/// <summary>The space's isolation segment relationship (null means the organization's default).</summary>
public sealed class SpaceIsolationSegmentApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/spaces/{guid}/relationships/isolation_segment", (string guid, CfContext cf) =>
            CfResults.Ok(Present(SpacesApi.Visible(cf.Access(), guid), cf.Urls)));
        routes.MapPatch("/v3/spaces/{guid}/relationships/isolation_segment", Update);
    }

    private static async Task<IResult> Update(string guid, CfContext cf, IsolationSegmentEntitlements entitlements)
    {
        var access = cf.Access();
        var space = SpacesApi.Visible(access, guid);
        access.Require(access.CanManageOrg(space.OrganizationGuid));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        if (!body.Has("data"))
        {
            body.AddError("data", "can't be blank");
        }

        var segmentGuid = body.IsNull("data") ? null : body.Object("data")?.String("guid", required: true);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Space>(guid) ?? throw CfErrors.NotFound("Space");
            if (segmentGuid is not null && !entitlements.IsEntitled(transaction.World, current.OrganizationGuid, segmentGuid))
            {
                throw CfErrors.Unprocessable(
                    $"Unable to assign isolation segment with guid '{segmentGuid}'. Ensure it has been entitled to the organization that this space belongs to.");
            }

            return transaction.Put(current with { IsolationSegmentGuid = segmentGuid, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(updated, cf.Urls));
    }

    private static object Present(Space space, CfUrls urls) => new
    {
        data = space.IsolationSegmentGuid is null ? null : new GuidReference(space.IsolationSegmentGuid),
        links = new { self = urls.Link($"/v3/spaces/{space.Guid}/relationships/isolation_segment") },
    };
}
