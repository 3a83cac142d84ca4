using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.Root;

/// <summary><c>GET /</c>, <c>GET /v3</c> and <c>GET /v2/info</c>: the documents clients discover the foundation from.</summary>
public sealed class RootApi : IFeatureModule
{
    public const string V3Version = "3.228.0";
    public const string V2Version = "2.293.0";

    private static readonly string[] V3Collections =
    [
        "app_usage_events", "apps", "audit_events", "buildpacks", "builds", "deployments", "domains", "droplets",
        "environment_variable_groups", "feature_flags", "info", "isolation_segments", "organizations",
        "organization_quotas", "packages", "processes", "resource_matches", "roles", "routes", "security_groups",
        "service_brokers", "service_instances", "service_offerings", "service_plans", "service_usage_events", "spaces",
        "space_quotas", "stacks", "tasks", "users",
    ];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", GlobalRoot);
        routes.MapGet("/v3", V3Root);
        routes.MapGet("/v2/info", V2Info);
    }

    private static IResult GlobalRoot(CfContext cf)
    {
        var urls = cf.Urls;
        var host = cf.Http.Request.Host.ToString();
        var webSocket = (cf.Http.Request.IsHttps ? "wss://" : "ws://") + host + cf.Http.Request.PathBase;
        return CfResults.Ok(new
        {
            links = new Dictionary<string, object?>
            {
                ["self"] = urls.Link(string.Empty),
                ["bits_service"] = null,
                ["cloud_controller_v2"] = new { href = urls.Url("/v2"), meta = new { version = V2Version } },
                ["cloud_controller_v3"] = new { href = urls.Url("/v3"), meta = new { version = V3Version } },
                ["network_policy_v0"] = urls.Link("/networking/v0/external"),
                ["network_policy_v1"] = urls.Link("/networking/v1/external"),
                ["login"] = urls.Link("/uaa"),
                ["uaa"] = urls.Link("/uaa"),
                ["credhub"] = null,
                ["routing"] = urls.Link("/routing"),
                ["logging"] = new Link(webSocket + "/doppler"),
                ["log_cache"] = urls.Link("/log-cache"),
                ["log_stream"] = urls.Link("/log-stream"),
                ["app_ssh"] = new
                {
                    href = cf.Http.Request.Host.Host + ":2222",
                    meta = new { host_key_fingerprint = SshFingerprint, oauth_client = "ssh-proxy" },
                },
            },
        });
    }

    private const string SshFingerprint = "Y411oivJwZCUQnXHq83mdM5SKCK4ftyoSXI31RRe4Zs";

    private static IResult V3Root(CfContext cf)
    {
        var links = new Dictionary<string, object> { ["self"] = cf.Urls.Link("/v3") };
        foreach (var collection in V3Collections)
        {
            links[collection] = collection == "service_instances"
                ? new { href = cf.Urls.Url("/v3/" + collection), experimental = true }
                : cf.Urls.Link("/v3/" + collection);
        }

        return CfResults.Ok(new { links });
    }

    private static IResult V2Info(CfContext cf)
    {
        var caller = CfAuthentication.OptionalCallerOf(cf.Http);
        var info = new Dictionary<string, object?>
        {
            ["name"] = "Cloud Foundry fake",
            ["build"] = "fake",
            ["support"] = "https://github.com/cloudfoundry",
            ["version"] = 0,
            ["description"] = "An in-memory Cloud Foundry for tests",
            ["authorization_endpoint"] = cf.Urls.Url("/uaa"),
            ["token_endpoint"] = cf.Urls.Url("/uaa"),
            ["min_cli_version"] = null,
            ["min_recommended_cli_version"] = null,
            ["app_ssh_endpoint"] = cf.Http.Request.Host.Host + ":2222",
            ["app_ssh_host_key_fingerprint"] = SshFingerprint,
            ["app_ssh_oauth_client"] = "ssh-proxy",
            ["doppler_logging_endpoint"] = (cf.Http.Request.IsHttps ? "wss://" : "ws://") + cf.Http.Request.Host + cf.Http.Request.PathBase + "/doppler",
            ["api_version"] = V2Version,
            ["osbapi_version"] = "2.15",
            ["routing_endpoint"] = cf.Urls.Url("/routing"),
        };
        if (caller is not null)
        {
            info["user"] = caller.UserGuid;
        }

        return CfResults.Ok(info);
    }
}
