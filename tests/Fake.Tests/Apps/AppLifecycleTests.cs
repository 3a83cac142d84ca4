using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Apps;

public sealed class AppLifecycleTests
{
    private static byte[] ZipWithProcfile(string procfile)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("Procfile").Open(), Encoding.UTF8);
            writer.Write(procfile);
        }

        return memory.ToArray();
    }

    private static async Task<(TestFoundation Foundation, string Space, string App)> ArrangeAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a1", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created);
        return (foundation, space, app.Guid());
    }

    private static async Task<string> UploadPackageAsync(HttpClient client, string app)
    {
        var package = await (await client.PostAsJsonAsync("/v3/packages", new { type = "bits", relationships = new { app = new { data = new { guid = app } } } })).JsonAsync(HttpStatusCode.Created);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("[]"), "resources" },
            { new ByteArrayContent(ZipWithProcfile("web: ./server\nworker: ./work\n")), "bits", "package.zip" },
        };
        (await client.PostAsync($"/v3/packages/{package.Guid()}/upload", form)).EnsureSuccessStatusCode();
        return package.Guid();
    }

    private static Task<HttpResponseMessage> StageAsync(HttpClient client, string package) =>
        client.PostAsJsonAsync("/v3/builds", new { package = new { guid = package } });

    private static async Task PolicyAsync(TestFoundation foundation, string kind, object policy) =>
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/{kind}/policy", policy)).EnsureSuccessStatusCode();

    [Fact]
    public async Task Upload_stage_assign_start_and_scale_an_app()
    {
        var (foundation, _, app) = await ArrangeAsync();
        using var _ = foundation;
        JsonSnapshot.Match(await foundation.Admin.GetAsync($"/v3/apps/{app}").OkJsonAsync());
        await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Assign a droplet before starting this app.");

        var package = await UploadPackageAsync(foundation.Admin, app);
        var ready = await foundation.Admin.GetAsync($"/v3/packages/{package}").OkJsonAsync();
        Assert.Equal("READY", ready["state"]!.GetValue<string>());
        var build = await (await StageAsync(foundation.Admin, package)).JsonAsync(HttpStatusCode.Created);
        var staged = await foundation.Admin.GetAsync($"/v3/builds/{build.Guid()}").OkJsonAsync();
        Assert.Equal("STAGED", staged["state"]!.GetValue<string>());
        var droplet = staged["droplet"]!.Guid();
        var dropletJson = await foundation.Admin.GetAsync($"/v3/droplets/{droplet}").OkJsonAsync();
        Assert.Equal("./work", dropletJson["process_types"]!["worker"]!.GetValue<string>());

        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/relationships/current_droplet", new { data = new { guid = droplet } })).EnsureSuccessStatusCode();
        var started = await (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("STARTED", started["state"]!.GetValue<string>());
        var processes = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes").OkJsonAsync();
        Assert.Equal(["web", "worker"], processes["resources"]!.AsArray().Select(process => process!["type"]!.GetValue<string>()));
        Assert.Equal("./server", processes["resources"]![0]!["command"]!.GetValue<string>());

        var scaled = await (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/processes/web/actions/scale", new { instances = 2, memory_in_mb = 256 })).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(2, scaled["instances"]!.GetValue<int>());
        var stats = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web/stats").OkJsonAsync();
        Assert.Equal(["RUNNING", "RUNNING"], stats["resources"]!.AsArray().Select(instance => instance!["state"]!.GetValue<string>()));
        Assert.Equal(256L * 1024 * 1024, stats["resources"]![0]!["mem_quota"]!.GetValue<long>());

        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/stop", null)).EnsureSuccessStatusCode();
        var down = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web/stats").OkJsonAsync();
        Assert.All(down["resources"]!.AsArray(), instance => Assert.Equal("DOWN", instance!["state"]!.GetValue<string>()));

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/apps/{app}")));
        await foundation.Admin.GetAsync($"/v3/droplets/{droplet}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Droplet not found");
    }

    [Fact]
    public async Task Builds_follow_the_build_lifecycle_policy_and_scripted_failures()
    {
        var (foundation, _, app) = await ArrangeAsync();
        using var _ = foundation;
        var package = await UploadPackageAsync(foundation.Admin, app);

        await PolicyAsync(foundation, "build", new { mode = "AfterPolls", polls = 2 });
        var build = await (await StageAsync(foundation.Admin, package)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("STAGING", (await foundation.Admin.GetAsync($"/v3/builds/{build.Guid()}").OkJsonAsync())["state"]!.GetValue<string>());
        Assert.Equal("STAGED", (await foundation.Admin.GetAsync($"/v3/builds/{build.Guid()}").OkJsonAsync())["state"]!.GetValue<string>());

        await PolicyAsync(foundation, "build", new { mode = "Immediate" });
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/build/fail-next", new { message = "NoAppDetectedError - An app was not successfully detected by any available buildpack" })).EnsureSuccessStatusCode();
        var failed = await (await StageAsync(foundation.Admin, package)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("FAILED", failed["state"]!.GetValue<string>());
        Assert.Equal("NoAppDetectedError - An app was not successfully detected by any available buildpack", failed["error"]!.GetValue<string>());
        Assert.Null(failed["droplet"]);
    }

    [Fact]
    public async Task Instances_start_per_policy_and_can_be_crashed()
    {
        var (foundation, _, app) = await ArrangeAsync();
        using var _ = foundation;
        var build = await (await StageAsync(foundation.Admin, await UploadPackageAsync(foundation.Admin, app))).JsonAsync(HttpStatusCode.Created);
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/relationships/current_droplet", new { data = new { guid = build["droplet"]!.Guid() } })).EnsureSuccessStatusCode();
        await PolicyAsync(foundation, "process_instances", new { mode = "Manual" });

        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        var starting = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web/stats").OkJsonAsync();
        Assert.Equal("STARTING", starting["resources"]![0]!["state"]!.GetValue<string>());

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/process_instances/step", new { fail = "crash" })).EnsureSuccessStatusCode();
        var crashed = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web/stats").OkJsonAsync();
        Assert.Equal("CRASHED", crashed["resources"]![0]!["state"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/apps/{app}/processes/web/instances/0")).StatusCode);
        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/process_instances/step", new { })).EnsureSuccessStatusCode();
        var running = await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web/stats").OkJsonAsync();
        Assert.Equal("RUNNING", running["resources"]![0]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_manifest_creates_the_app_with_its_default_route_and_settings()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        using var yaml = new StringContent("applications:\n- name: web-app\n  instances: 3\n  memory: 256M\n  env:\n    GREETING: hello\n  default-route: true\n", Encoding.UTF8, "application/x-yaml");

        var apply = await foundation.Admin.PostAsync($"/v3/spaces/{space}/actions/apply_manifest", yaml);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(apply));

        var app = (await foundation.Admin.GetAsync($"/v3/apps?names=web-app&space_guids={space}").OkJsonAsync())["resources"]![0]!;
        var web = await foundation.Admin.GetAsync($"/v3/apps/{app.Guid()}/processes/web").OkJsonAsync();
        Assert.Equal(3, web["instances"]!.GetValue<int>());
        Assert.Equal(256, web["memory_in_mb"]!.GetValue<int>());
        var routes = await foundation.Admin.GetAsync($"/v3/apps/{app.Guid()}/routes").OkJsonAsync();
        Assert.Equal("web-app.apps.example.org", routes["resources"]![0]!["url"]!.GetValue<string>());
        var env = await foundation.Admin.GetAsync($"/v3/apps/{app.Guid()}/env").OkJsonAsync();
        Assert.Equal("hello", env["environment_variables"]!["GREETING"]!.GetValue<string>());
        Assert.Equal("web-app", env["application_env_json"]!["VCAP_APPLICATION"]!["application_name"]!.GetValue<string>());
        var manifest = await foundation.Admin.GetStringAsync($"/v3/apps/{app.Guid()}/manifest");
        Assert.Contains("- route: web-app.apps.example.org", manifest, StringComparison.Ordinal);

        using var broken = new StringContent("applications: [", Encoding.UTF8, "application/x-yaml");
        await foundation.Admin.PostAsync($"/v3/spaces/{space}/actions/apply_manifest", broken)
            .AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-MessageParseError", 1001);
    }

    [Fact]
    public async Task App_validation_roles_and_environment_rules()
    {
        var (foundation, space, app) = await ArrangeAsync();
        using var _ = foundation;
        var org = (await foundation.Admin.GetAsync($"/v3/spaces/{space}").OkJsonAsync())["relationships"]!["organization"]!["data"]!.Guid();

        await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a1", relationships = new { space = new { data = new { guid = space } } } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UniquenessError", 10016, "App with the name 'a1' already exists.");
        await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new { VCAP_X = "1" } })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Var cannot start with VCAP_");
        var vars = await (await foundation.Admin.PatchAsync($"/v3/apps/{app}/environment_variables", TestFoundation.Json("""{"var":{"A":"1","B":"2"}}"""))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("""{"A":"1","B":"2"}""", vars["var"]!.ToJsonString());

        var auditor = await foundation.ClientForUserAsync("aud", ("organization_user", org), ("space_auditor", space));
        (await auditor.GetAsync($"/v3/apps/{app}")).EnsureSuccessStatusCode();
        await auditor.GetAsync($"/v3/apps/{app}/env").AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        await auditor.PostAsync($"/v3/apps/{app}/actions/stop", null).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
        var stranger = await foundation.ClientForUserAsync("stranger");
        await stranger.GetAsync($"/v3/apps/{app}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "App not found");
        await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "d", lifecycle = new { type = "docker", data = new JsonObject() }, relationships = new { space = new { data = new { guid = space } } } })
            .ContinueWith(task => Assert.Equal(HttpStatusCode.Created, task.Result.StatusCode));
    }
}
