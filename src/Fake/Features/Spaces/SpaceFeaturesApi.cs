using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Spaces;

/// <summary><c>/v3/spaces/{guid}/features</c>: the one space feature, <c>ssh</c>.</summary>
public sealed class SpaceFeaturesApi : IFeatureModule
{
    private const string Ssh = "ssh";
    private const string SshDescription = "Enable SSHing into apps in the space.";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/spaces/{guid}/features", (string guid, CfContext cf) =>
            CfResults.Ok(new { resources = new[] { Present(SpacesApi.Visible(cf.Access(), guid)) } }));
        routes.MapGet("/v3/spaces/{guid}/features/{name}", (string guid, string name, CfContext cf) =>
        {
            var space = SpacesApi.Visible(cf.Access(), guid);
            return name == Ssh ? CfResults.Ok(Present(space)) : throw CfErrors.NotFound("Feature");
        });
        routes.MapPatch("/v3/spaces/{guid}/features/{name}", Update);
    }

    private static async Task<IResult> Update(string guid, string name, CfContext cf)
    {
        var access = cf.Access();
        var space = SpacesApi.Visible(access, guid);
        if (name != Ssh)
        {
            throw CfErrors.NotFound("Feature");
        }

        access.Require(access.CanManageSpace(space));
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("enabled");
        var enabled = body.Boolean("enabled");
        if (enabled is null && !body.Has("enabled"))
        {
            body.AddError("enabled", "must be a boolean");
        }

        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Space>(guid) ?? throw CfErrors.NotFound("Space");
            return transaction.Put(current with { SshEnabled = enabled!.Value, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(updated));
    }

    private static object Present(Space space) => new { name = Ssh, description = SshDescription, enabled = space.SshEnabled };
}
