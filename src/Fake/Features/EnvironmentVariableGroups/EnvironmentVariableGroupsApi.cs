using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.EnvironmentVariableGroups;

/// <summary>The platform-wide <c>running</c> and <c>staging</c> environment variable groups.</summary>
public sealed record EnvironmentVariableGroup(string Guid, ImmutableSortedDictionary<string, string> Variables, DateTimeOffset? UpdatedAt) : IResource
{
    public static EnvironmentVariableGroup Of(World world, string name) =>
        world.Find<EnvironmentVariableGroup>(name) ?? new EnvironmentVariableGroup(name, ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal), null);
}

/// <summary><c>/v3/environment_variable_groups/{running|staging}</c>: everyone reads, admins change.</summary>
public sealed class EnvironmentVariableGroupsApi : IFeatureModule
{
    private static readonly string[] Names = ["running", "staging"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/environment_variable_groups/{name}", (string name, CfContext cf) =>
        {
            _ = cf.Caller;
            return CfResults.Ok(Present(EnvironmentVariableGroup.Of(cf.World, Known(name)), cf.Urls));
        });
        routes.MapPatch("/v3/environment_variable_groups/{name}", Update);
    }

    private static string Known(string name) => Names.Contains(name) ? name : throw CfErrors.NotFound("Environment variable group");

    private static async Task<IResult> Update(string name, CfContext cf)
    {
        _ = cf.Caller;
        Known(name);
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("var");
        var changes = AppRequest.ReadEnvironment(body, "var");
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = EnvironmentVariableGroup.Of(transaction.World, name);
            return transaction.Put(current with { Variables = AppRequest.Apply(current.Variables, changes), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(updated, cf.Urls));
    }

    private static object Present(EnvironmentVariableGroup group, CfUrls urls) => new
    {
        updated_at = group.UpdatedAt,
        name = group.Guid,
        var = group.Variables,
        links = new { self = urls.Link("/v3/environment_variable_groups/" + group.Guid) },
    };
}
