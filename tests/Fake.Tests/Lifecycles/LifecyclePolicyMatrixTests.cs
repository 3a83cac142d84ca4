using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Lifecycles;

/// <summary>
/// Every Cloud Foundry lifecycle of the fake under every transition policy, through HTTP: immediate, after polls (reads
/// of the resource), after clock time, manual (stepped through the admin API) and a scripted failure.
/// </summary>
public sealed class LifecyclePolicyMatrixTests
{
    /// <summary>How to start one lifecycle and read where it is.</summary>
    /// <param name="Arrange">Creates what the lifecycle needs (under immediate policies) and returns the guid it starts from.</param>
    /// <param name="Start">Starts the lifecycle and returns a read of its state.</param>
    public sealed record Driver(string Kind, Func<TestFoundation, Task<string>> Arrange, Func<TestFoundation, string, Task<Func<Task<string>>>> Start, string Pending, string Done, string Failed);

    private static readonly Dictionary<string, Driver> Drivers = new[]
    {
        new Driver("package", BitsPackageAsync, StartUploadAsync, "PROCESSING_UPLOAD", "READY", "FAILED"),
        new Driver("build", DockerPackageAsync, StartStagingAsync, "STAGING", "STAGED", "FAILED"),
        new Driver("process_instances", StagedAppAsync, StartInstancesAsync, "STARTING", "RUNNING", "CRASHED"),
        new Driver("task", StagedAppAsync, StartTaskAsync, "RUNNING", "SUCCEEDED", "FAILED"),
        new Driver("deployment", StartedAppAsync, StartDeploymentAsync, "DEPLOYING", "DEPLOYED", "CANCELED"),
        new Driver("job", OrgAsync, StartJobAsync, "PROCESSING", "COMPLETE", "FAILED"),
    }.ToDictionary(driver => driver.Kind);

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var kind in Drivers.Keys)
        {
            foreach (var mode in new[] { "Immediate", "AfterPolls", "AfterTime", "Manual", "FailNext" })
            {
                cases.Add(kind, mode);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_lifecycle_moves_as_its_policy_says(string kind, string mode)
    {
        var driver = Drivers[kind];
        using var foundation = await TestFoundation.CreateAsync();
        var admin = $"/_fake/foundations/{foundation.Id}";
        var arranged = await driver.Arrange(foundation);
        object policy = mode switch
        {
            "AfterPolls" => new { mode, polls = 2 },
            "AfterTime" => new { mode, delaySeconds = 30 },
            "Manual" => new { mode },
            _ => new { mode = "Immediate" },
        };
        (await foundation.Anonymous.PutAsJsonAsync($"{admin}/lifecycles/{kind}/policy", policy)).EnsureSuccessStatusCode();
        if (mode == "FailNext")
        {
            (await foundation.Anonymous.PostAsJsonAsync($"{admin}/lifecycles/{kind}/fail-next", new { message = "scripted failure" })).EnsureSuccessStatusCode();
        }

        var state = await driver.Start(foundation, arranged);

        switch (mode)
        {
            case "Immediate":
                Assert.Equal(driver.Done, await state());
                break;
            case "FailNext":
                Assert.Equal(driver.Failed, await state());
                break;
            case "AfterPolls":
                Assert.Equal(driver.Pending, await state());
                Assert.Equal(driver.Done, await state());
                break;
            case "AfterTime":
                Assert.Equal(driver.Pending, await state());
                (await foundation.Anonymous.PostAsJsonAsync($"{admin}/clock/advance", new { seconds = 29 })).EnsureSuccessStatusCode();
                Assert.Equal(driver.Pending, await state());
                (await foundation.Anonymous.PostAsJsonAsync($"{admin}/clock/advance", new { seconds = 1 })).EnsureSuccessStatusCode();
                Assert.Equal(driver.Done, await state());
                break;
            default:
                Assert.Equal(driver.Pending, await state());
                Assert.Equal(driver.Pending, await state());
                (await foundation.Anonymous.PostAsJsonAsync($"{admin}/lifecycles/{kind}/step", new { })).EnsureSuccessStatusCode();
                Assert.Equal(driver.Done, await state());
                break;
        }
    }

    private static Func<Task<string>> Reads(TestFoundation foundation, string url, Func<JsonNode, JsonNode?> field) =>
        async () => field(await foundation.Admin.GetAsync(url).OkJsonAsync())!.GetValue<string>();

    private static async Task<string> StagedAppAsync(TestFoundation foundation)
    {
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        return (await foundation.StagedAppAsync(space, "web")).App;
    }

    private static async Task<string> BitsPackageAsync(TestFoundation foundation)
    {
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "web", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        return (await (await foundation.Admin.PostAsJsonAsync("/v3/packages", new { type = "bits", relationships = new { app = new { data = new { guid = app } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
    }

    private static async Task<Func<Task<string>>> StartUploadAsync(TestFoundation foundation, string package)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("index.html");
        }

        using var form = new MultipartFormDataContent { { new ByteArrayContent(zip.ToArray()), "bits", "package.zip" } };
        (await foundation.Admin.PostAsync($"/v3/packages/{package}/upload", form)).EnsureSuccessStatusCode();
        return Reads(foundation, $"/v3/packages/{package}", json => json["state"]);
    }

    private static async Task<string> DockerPackageAsync(TestFoundation foundation) =>
        (await (await foundation.Admin.PostAsJsonAsync("/v3/packages", new
        {
            type = "docker",
            data = new { image = "nginx" },
            relationships = new { app = new { data = new { guid = await StagedAppAsync(foundation) } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();

    private static async Task<Func<Task<string>>> StartStagingAsync(TestFoundation foundation, string package)
    {
        var build = (await (await foundation.Admin.PostAsJsonAsync("/v3/builds", new { package = new { guid = package } })).JsonAsync(HttpStatusCode.Created)).Guid();
        return Reads(foundation, $"/v3/builds/{build}", json => json["state"]);
    }

    private static async Task<Func<Task<string>>> StartInstancesAsync(TestFoundation foundation, string app)
    {
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        return Reads(foundation, $"/v3/apps/{app}/processes/web/stats", json => json["resources"]![0]!["state"]);
    }

    private static async Task<Func<Task<string>>> StartTaskAsync(TestFoundation foundation, string app)
    {
        var task = (await (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/tasks", new { command = "rake db:migrate" })).JsonAsync(HttpStatusCode.Accepted)).Guid();
        return Reads(foundation, $"/v3/tasks/{task}", json => json["state"]);
    }

    private static async Task<string> StartedAppAsync(TestFoundation foundation)
    {
        var app = await StagedAppAsync(foundation);
        (await foundation.Admin.PostAsync($"/v3/apps/{app}/actions/start", null)).EnsureSuccessStatusCode();
        return app;
    }

    /// <summary>Deploys a second droplet (staged under the build lifecycle, which stays immediate here).</summary>
    private static async Task<Func<Task<string>>> StartDeploymentAsync(TestFoundation foundation, string app)
    {
        var droplet = await foundation.DropletAsync(app, "nginx");
        var deployment = (await (await foundation.Admin.PostAsJsonAsync("/v3/deployments", new
        {
            droplet = new { guid = droplet },
            relationships = new { app = new { data = new { guid = app } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();
        return Reads(foundation, $"/v3/deployments/{deployment}", json => json["status"]!["reason"]);
    }

    private static Task<string> OrgAsync(TestFoundation foundation) => foundation.OrgAsync("doomed");

    private static async Task<Func<Task<string>>> StartJobAsync(TestFoundation foundation, string org)
    {
        var deleted = await foundation.Admin.DeleteAsync($"/v3/organizations/{org}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        return Reads(foundation, deleted.Headers.Location!.PathAndQuery, json => json["state"]);
    }
}
