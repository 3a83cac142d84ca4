using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Persistence;

/// <summary>
/// Fills a foundation with a bit of everything through the APIs (apps pushed from bits and manifests, services,
/// routes, quotas, users, Tsuru apps and deploys, lifecycle settings) and lists what clients would read back.
/// </summary>
public static class BusyFoundation
{
    /// <summary>Reads whose answers must not change across a save and a reload.</summary>
    public static readonly string[] CfReads =
    [
        "/v3/organizations", "/v3/spaces", "/v3/apps?include=space", "/v3/processes", "/v3/packages", "/v3/builds", "/v3/droplets",
        "/v3/routes", "/v3/domains", "/v3/service_instances", "/v3/service_credential_bindings", "/v3/service_route_bindings",
        "/v3/service_plans", "/v3/security_groups", "/v3/isolation_segments", "/v3/organization_quotas", "/v3/space_quotas",
        "/v3/feature_flags", "/v3/environment_variable_groups/running", "/v3/tasks", "/v3/deployments",
        "/v3/buildpacks", "/v3/stacks", "/v3/users", "/v3/roles", "/v3/audit_events?per_page=200", "/v3/app_usage_events?per_page=200",
        "/v3/service_usage_events", "/v2/apps",
    ];

    /// <summary>Reads per app, for every app listed.</summary>
    public static readonly string[] AppReads = ["env", "revisions", "sidecars", "manifest", "processes/web/stats", "routes"];

    public static readonly string[] TsuruReads = ["/1.0/apps", "/1.0/teams", "/1.0/apps/web", "/1.0/apps/web/env", "/1.0/deploys?app=web", "/1.0/pools", "/1.0/users"];

    private static readonly string[] WebOnly = ["web"];

    public static async Task FillAsync(TestFoundation foundation)
    {
        var admin = foundation.Admin;
        var org = await foundation.OrgAsync("busy-org");
        var space = await foundation.SpaceAsync(org, "busy-space");
        var app = (await Succeeds(admin.PostAsJsonAsync("/v3/apps", new
        {
            name = "bits-app",
            relationships = new { space = new { data = new { guid = space } } },
            metadata = new { labels = new { tier = "web" }, annotations = new { owner = "team-a" } },
        })))!["guid"]!.GetValue<string>();
        var package = (await Succeeds(admin.PostAsJsonAsync("/v3/packages", new { type = "bits", relationships = new { app = new { data = new { guid = app } } } })))!["guid"]!.GetValue<string>();
        using (var form = new MultipartFormDataContent { { new StringContent("[]"), "resources" }, { new ByteArrayContent(Zip("Procfile", "web: ./server\nworker: ./work\n")), "bits", "package.zip" } })
        {
            await Succeeds(admin.PostAsync($"/v3/packages/{package}/upload", form));
        }

        var build = (await Succeeds(admin.PostAsJsonAsync("/v3/builds", new { package = new { guid = package } })))!["guid"]!.GetValue<string>();
        var droplet = (await Succeeds(admin.GetAsync($"/v3/builds/{build}")))!["droplet"]!["guid"]!.GetValue<string>();
        await Succeeds(admin.PatchAsJsonAsync($"/v3/apps/{app}/relationships/current_droplet", new { data = new { guid = droplet } }));
        await Succeeds(admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new { GREETING = "hello", Zeta = "1", alpha = "2" } }));
        await Succeeds(admin.PostAsync($"/v3/apps/{app}/actions/start", null));
        await Succeeds(admin.PostAsJsonAsync($"/v3/apps/{app}/processes/web/actions/scale", new { instances = 2, memory_in_mb = 256 }));
        await Succeeds(admin.PostAsJsonAsync($"/v3/apps/{app}/sidecars", new { name = "auth", command = "./auth", process_types = WebOnly, memory_in_mb = 64 }));
        await Succeeds(admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "rake db:migrate" }));
        await Succeeds(admin.PostAsJsonAsync("/v3/deployments", new { relationships = new { app = new { data = new { guid = app } } } }));

        using (var manifest = new StringContent("applications:\n- name: manifest-app\n  instances: 3\n  memory: 128M\n  env:\n    MODE: prod\n  default-route: true\n", Encoding.UTF8, "application/x-yaml"))
        {
            await Succeeds(admin.PostAsync($"/v3/spaces/{space}/actions/apply_manifest", manifest));
        }

        var domain = (await Succeeds(admin.GetAsync("/v3/domains?names=apps.example.org")))!["resources"]![0]!["guid"]!.GetValue<string>();
        var route = (await Succeeds(admin.PostAsJsonAsync("/v3/routes", new { host = "busy", path = "/api", relationships = new { space = new { data = new { guid = space } }, domain = new { data = new { guid = domain } } } })))!["guid"]!.GetValue<string>();
        await Succeeds(admin.PostAsJsonAsync($"/v3/routes/{route}/destinations", new { destinations = new[] { new { app = new { guid = app } } } }));

        var provided = (await Succeeds(admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "user-provided",
            name = "db",
            credentials = new { uri = "postgres://x" },
            route_service_url = "https://proxy.example.com",
            relationships = new { space = new { data = new { guid = space } } },
        })))!["guid"]!.GetValue<string>();
        await Succeeds(admin.PostAsJsonAsync("/v3/service_credential_bindings", new { type = "app", name = "db-binding", relationships = new { service_instance = new { data = new { guid = provided } }, app = new { data = new { guid = app } } } }));
        await Succeeds(admin.PostAsJsonAsync("/v3/service_route_bindings", new { relationships = new { route = new { data = new { guid = route } }, service_instance = new { data = new { guid = provided } } } }));
        var plan = (await Succeeds(admin.GetAsync("/v3/service_plans?names=standard")))!["resources"]![0]!["guid"]!.GetValue<string>();
        await Succeeds(admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "managed",
            name = "cache",
            parameters = new { size = "m" },
            relationships = new { space = new { data = new { guid = space } }, service_plan = new { data = new { guid = plan } } },
        }));

        await Succeeds(admin.PostAsJsonAsync("/v3/security_groups", new { name = "db", rules = new object[] { new { protocol = "tcp", destination = "10.0.0.0/8", ports = "5432" } } }));
        await Succeeds(admin.PostAsJsonAsync("/v3/isolation_segments", new { name = "segment" }));
        await Succeeds(admin.PostAsJsonAsync("/v3/organization_quotas", new { name = "tiny", apps = new { total_memory_in_mb = 4096 }, relationships = new { organizations = new { data = new[] { new { guid = org } } } } }));
        await Succeeds(admin.PostAsJsonAsync("/v3/space_quotas", new { name = "space-tiny", relationships = new { organization = new { data = new { guid = org } } } }));
        await Succeeds(admin.PatchAsJsonAsync("/v3/feature_flags/user_org_creation", new { enabled = true, custom_error_message = "ask ops" }));
        await Succeeds(admin.PatchAsJsonAsync("/v3/environment_variable_groups/running", new { var = new Dictionary<string, string> { ["LOG_LEVEL"] = "debug" } }));
        await Succeeds(admin.PostAsJsonAsync("/v3/buildpacks", new { name = "mine", stack = "cflinuxfs4", position = 1 }));
        await Succeeds(admin.PostAsJsonAsync("/v2/apps", new { name = "v2app", space_guid = space, memory = 256, instances = 2, environment_json = new Dictionary<string, string> { ["A"] = "1" } }));
        await foundation.ClientForUserAsync("dev", ("organization_user", org), ("space_developer", space));

        var control = foundation.Anonymous;
        await Succeeds(control.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/build/policy", new { mode = "AfterPolls", polls = 2 }));
        await Succeeds(control.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/build/fail-next", new { message = "scripted" }));
        await Succeeds(control.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 90 }));

        var tsuru = await LoginAsync(foundation);
        await Succeeds(tsuru.PostAsync("/1.0/teams", Form(("name", "busy-team"))));
        await Succeeds(tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python"), ("teamOwner", "busy-team"))));
        await Succeeds(tsuru.PostAsync("/1.0/apps/web/env", Form(("Envs.0.Name", "FOO"), ("Envs.0.Value", "bar"))));
        await Succeeds(tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:3"), ("message", "first"))));
    }

    /// <summary>Asserts a 2xx answer (showing the body otherwise) and returns its JSON, if any.</summary>
    public static async Task<JsonNode?> Succeeds(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}: {text}");
        return response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    private static byte[] Zip(string name, string content)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(content);
        }

        return memory.ToArray();
    }
}
