using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.FeatureFlags;

/// <summary><c>/v3/feature_flags</c>: every flag with its current setting; admins change them.</summary>
public sealed class FeatureFlagsApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { OrderBy = ["name"], LabelSelector = false, Timestamps = false, Filters = ["updated_ats"] };

    private static readonly Dictionary<string, Func<FeatureFlagState, IComparable?>> OrderKeys = new() { ["name"] = flag => flag.Name };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/feature_flags", List);
        routes.MapGet("/v3/feature_flags/{name}", Get);
        routes.MapPatch("/v3/feature_flags/{name}", Update);
    }

    private static IResult List(CfContext cf)
    {
        _ = cf.Caller;
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var flags = query.WhereTimestamp(FeatureFlagState.All(cf.World), "updated_ats", flag => flag.SetAt);
        return CfResults.Ok(query.Respond(flags, flag => FeatureFlagResponse.From(flag, cf.Urls), cf.Urls, "/v3/feature_flags", OrderKeys));
    }

    private static IResult Get(string name, CfContext cf)
    {
        _ = cf.Caller;
        return CfResults.Ok(FeatureFlagResponse.From(Find(cf, name), cf.Urls));
    }

    private static async Task<IResult> Update(string name, CfContext cf)
    {
        var access = cf.Access();
        Find(cf, name);
        access.RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("enabled", "custom_error_message");
        var enabled = body.Boolean("enabled");
        var message = body.String("custom_error_message", maxLength: 250);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<FeatureFlag>(name);
            return transaction.Put(new FeatureFlag(
                name,
                enabled ?? current?.Enabled ?? FeatureFlagDefaults.Enabled(name),
                body.Has("custom_error_message") ? message : current?.CustomErrorMessage,
                transaction.Now));
        });
        return CfResults.Ok(FeatureFlagResponse.From(FeatureFlagState.Of(name, updated), cf.Urls));
    }

    private static FeatureFlagState Find(CfContext cf, string name) =>
        FeatureFlagDefaults.Exists(name)
            ? FeatureFlagState.Of(name, cf.World.Find<FeatureFlag>(name))
            : throw CfErrors.NotFound("Feature flag");
}

/// <summary>A flag as listed: its default merged with what the foundation set.</summary>
public sealed record FeatureFlagState(string Guid, bool Enabled, string? CustomErrorMessage, DateTimeOffset? SetAt) : ITimestamped
{
    public string Name => Guid;

    public DateTimeOffset CreatedAt => SetAt ?? DateTimeOffset.MinValue;

    public DateTimeOffset UpdatedAt => SetAt ?? DateTimeOffset.MinValue;

    public static FeatureFlagState Of(string name, FeatureFlag? stored) =>
        new(name, stored?.Enabled ?? FeatureFlagDefaults.Enabled(name), stored?.CustomErrorMessage, stored?.UpdatedAt);

    public static IEnumerable<FeatureFlagState> All(Engine.World world) =>
        FeatureFlagDefaults.All.Select(flag => Of(flag.Name, world.Find<FeatureFlag>(flag.Name)));
}

public sealed record FeatureFlagResponse(string Name, bool Enabled, DateTimeOffset? UpdatedAt, string? CustomErrorMessage, IReadOnlyDictionary<string, Link> Links)
{
    public static FeatureFlagResponse From(FeatureFlagState flag, CfUrls urls) =>
        new(flag.Name, flag.Enabled, flag.SetAt, flag.CustomErrorMessage, new Dictionary<string, Link> { ["self"] = urls.Link("/v3/feature_flags/" + flag.Name) });
}
