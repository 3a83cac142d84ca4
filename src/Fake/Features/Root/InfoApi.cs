using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.Root;

/// <summary><c>GET /v3/info</c> (no token needed) and the platform-wide usage summary.</summary>
public sealed class InfoApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/info", Info);
        routes.MapGet("/v3/info/usage_summary", UsageSummary);
    }

    private static IResult Info(CfContext cf) => CfResults.Ok(new
    {
        build = "cloudfoundry-fake",
        cli_version = new { minimum = "6.22.0", recommended = "latest" },
        custom = new Dictionary<string, object>(),
        description = "An in-memory Cloud Foundry for tests",
        name = "Cloud Foundry fake",
        version = 3,
        osbapi_version = "2.15",
        rate_limits = new { enabled = false, general_limit = 2000, reset_interval_in_minutes = 60 },
        links = new { self = cf.Urls.Link("/v3/info"), support = new Link("https://github.com/cloudfoundry") },
    });

    private static IResult UsageSummary(CfContext cf, UsageSummaries summaries)
    {
        cf.Access().HideUnlessReadsEverything();
        return CfResults.Ok(new
        {
            usage_summary = summaries.Platform(cf.World),
            links = new { self = cf.Urls.Link("/v3/info/usage_summary") },
        });
    }
}
