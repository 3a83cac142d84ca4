using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Apps;

public sealed class DropletsAndSidecarsTests
{
    private static readonly string[] WebOnly = ["web"];

    private static async Task<(TestFoundation Foundation, string Space, string App)> ArrangeAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var app = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "a", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        return (foundation, space, app);
    }

    [Fact]
    public async Task Droplets_are_created_uploaded_downloaded_and_copied()
    {
        var (foundation, space, app) = await ArrangeAsync();
        using var _ = foundation;

        var droplet = await (await foundation.Admin.PostAsJsonAsync("/v3/droplets", new { relationships = new { app = new { data = new { guid = app } } }, process_types = new { web = "./run" } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("AWAITING_UPLOAD", droplet["state"]!.GetValue<string>());
        await foundation.Admin.GetAsync($"/v3/droplets/{droplet.Guid()}/download").AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008);

        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "bits", "droplet.tgz" } };
        var upload = await foundation.Admin.PostAsync($"/v3/droplets/{droplet.Guid()}/upload", form);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(upload));
        Assert.Equal([1, 2, 3], await foundation.Admin.GetByteArrayAsync($"/v3/droplets/{droplet.Guid()}/download"));

        var other = (await (await foundation.Admin.PostAsJsonAsync("/v3/apps", new { name = "b", relationships = new { space = new { data = new { guid = space } } } })).JsonAsync(HttpStatusCode.Created)).Guid();
        var copy = await (await foundation.Admin.PostAsJsonAsync($"/v3/droplets?source_guid={droplet.Guid()}", new { relationships = new { app = new { data = new { guid = other } } } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("./run", copy["process_types"]!["web"]!.GetValue<string>());
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{other}/relationships/current_droplet", new { data = new { guid = copy.Guid() } })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Sidecars_belong_to_apps_and_show_on_their_processes()
    {
        var (foundation, _, app) = await ArrangeAsync();
        using var _ = foundation;

        var sidecar = await (await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/sidecars", new { name = "auth", command = "./auth", process_types = WebOnly, memory_in_mb = 128 })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(sidecar);
        await foundation.Admin.PostAsJsonAsync($"/v3/apps/{app}/sidecars", new { name = "auth", command = "./auth", process_types = WebOnly })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Sidecar with name 'auth' already exists for given app");
        var web = (await foundation.Admin.GetAsync($"/v3/apps/{app}/processes/web").OkJsonAsync()).Guid();
        var onProcess = await foundation.Admin.GetAsync($"/v3/processes/{web}/sidecars").OkJsonAsync();
        Assert.Equal("auth", onProcess["resources"]![0]!["name"]!.GetValue<string>());

        var renamed = await (await foundation.Admin.PatchAsJsonAsync($"/v3/sidecars/{sidecar.Guid()}", new { name = "authz" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("authz", renamed["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Admin.DeleteAsync($"/v3/sidecars/{sidecar.Guid()}")).StatusCode);
        await foundation.Admin.GetAsync($"/v3/sidecars/{sidecar.Guid()}").AssertCfErrorAsync(HttpStatusCode.NotFound, "CF-ResourceNotFound", 10010, "Sidecar not found");
    }
}
