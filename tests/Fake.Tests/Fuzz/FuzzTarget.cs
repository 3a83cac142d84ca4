using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using CloudFoundry.Fake.Tests.Tsuru;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>A foundation seeded with one resource of most kinds, and the real path of an operation pointing at them.</summary>
public sealed class FuzzTarget
{
    private static readonly string[] WebProcess = ["web"];

    private readonly Dictionary<string, string> resolved = new(StringComparer.Ordinal);

    private FuzzTarget(HttpClient client) => Client = client;

    /// <summary>The admin of the platform the operations belong to.</summary>
    public HttpClient Client { get; }

    public static async Task<FuzzTarget> CloudFoundryAsync(TestFoundation foundation)
    {
        var admin = foundation.Admin;
        var org = await foundation.OrgAsync("fuzz-org");
        var space = await foundation.SpaceAsync(org, "fuzz-space");
        var (app, _) = await foundation.StagedAppAsync(space, "fuzz-app");
        var domain = (await admin.GetAsync("/v3/domains").OkJsonAsync())["resources"]![0]!.Guid();
        var toSpace = new { space = new { data = new { guid = space } } };
        await admin.PostAsJsonAsync("/v3/routes", new { host = "fuzz", relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } } });
        var instance = (await (await admin.PostAsJsonAsync("/v3/service_instances", new { type = "user-provided", name = "fuzz-upsi", route_service_url = "https://proxy.example.com", relationships = toSpace })).Content.ReadFromJsonAsync<JsonObject>())!;
        await admin.PostAsJsonAsync("/v3/service_credential_bindings", new { type = "app", relationships = new { service_instance = new { data = new { guid = instance.Guid() } }, app = new { data = new { guid = app } } } });
        await admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "echo hi" });
        await admin.PostAsJsonAsync("/v3/security_groups", new { name = "fuzz-sg" });
        await admin.PostAsJsonAsync("/v3/isolation_segments", new { name = "fuzz-seg" });
        await admin.PostAsJsonAsync("/v3/organization_quotas", new { name = "fuzz-quota" });
        await admin.PostAsJsonAsync("/v3/space_quotas", new { name = "fuzz-space-quota", relationships = new { organization = new { data = new { guid = org } } } });
        await admin.PostAsJsonAsync("/v3/domains", new { name = "fuzz.example.org", relationships = new { organization = new { data = new { guid = org } } } });
        await admin.PostAsJsonAsync($"/v3/apps/{app}/sidecars", new { name = "fuzz-sidecar", command = "sleep", process_types = WebProcess });
        await admin.PostAsJsonAsync("/v3/deployments", new { relationships = new { app = new { data = new { guid = app } } } });
        var target = new FuzzTarget(admin);
        target.resolved["organizationsguid"] = org;
        target.resolved["spacesguid"] = space;
        return target;
    }

    public static async Task<FuzzTarget> TsuruAsync(TestFoundation foundation)
    {
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await tsuru.PostAsync("/1.0/apps", TsuruSession.Form(("name", "fuzzapp"), ("platform", "python")));
        return new FuzzTarget(tsuru);
    }

    /// <summary>The operation's path with its parameters naming seeded resources (a fresh GUID where none fits).</summary>
    public async Task<string> RealPathAsync(SpecOperation operation)
    {
        var segments = operation.Path.Split('/');
        for (var index = 0; index < segments.Length; index++)
        {
            if (segments[index].StartsWith('{'))
            {
                segments[index] = operation.IsTsuru
                    ? TsuruValue(segments[index].Trim('{', '}'))
                    : await CloudFoundryValueAsync(segments[index - 1], segments[index].Trim('{', '}'));
            }
        }

        return string.Join('/', segments);
    }

    private static string TsuruValue(string parameter) => parameter switch
    {
        "app" or "appname" => "fuzzapp",
        "team" => "admin",
        "email" => "admin@example.com",
        "pool" => "default",
        "platform" => "python",
        _ => "fuzz-" + parameter,
    };

    private async Task<string> CloudFoundryValueAsync(string previous, string parameter)
    {
        switch (previous, parameter)
        {
            case ("processes", "type"):
                return "web";
            case ("instances", _):
                return "0";
            case ("features", _):
                return "ssh";
            case ("environment_variable_groups", _):
                return "running";
        }

        var collection = previous switch
        {
            "shared_spaces" or "running_spaces" or "staging_spaces" => "spaces",
            "shared_organizations" or "visibility" => "organizations",
            _ => previous,
        };
        return await SeededAsync(collection, parameter == "name" ? "name" : "guid");
    }

    /// <summary>The guid (or another field) of the first resource of a V3 collection, as the admin lists it.</summary>
    public async Task<string> SeededAsync(string collection, string key = "guid")
    {
        if (!resolved.TryGetValue(collection + key, out var value))
        {
            using var response = await Client.GetAsync($"/v3/{collection}?per_page=1");
            var first = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())?["resources"]?.AsArray().FirstOrDefault() : null;
            value = first?[key]?.GetValue<string>() ?? "0d3f4ee2-6c1b-4c61-9a5e-5eed00000000";
            resolved[collection + key] = value;
        }

        return value;
    }
}
