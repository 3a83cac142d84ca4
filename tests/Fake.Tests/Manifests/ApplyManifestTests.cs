using System.Net;
using System.Net.Http.Json;
using System.Text;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Manifests;

public sealed class ApplyManifestTests
{
    [Fact]
    public async Task Applying_creates_missing_apps_at_once_and_audits_the_create_and_the_manifest_with_the_environment_hidden()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var (existing, _) = await foundation.StagedAppAsync(space, "api");
        (await foundation.Anonymous.PutAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/policy", new { mode = "Manual" })).EnsureSuccessStatusCode();

        var applied = await foundation.Admin.PostAsync($"/v3/spaces/{space}/actions/apply_manifest", new StringContent("""
            applications:
            - name: api
              instances: 2
            - name: web
              env:
                PASSWORD: hunter2
            """, Encoding.UTF8, "application/x-yaml"));

        Assert.Equal(HttpStatusCode.Accepted, applied.StatusCode);
        Assert.Equal("PROCESSING", (await foundation.Admin.GetAsync(applied.Headers.Location).OkJsonAsync())["state"]!.GetValue<string>());
        var web = (await foundation.Admin.GetAsync($"/v3/apps?names=web&space_guids={space}").OkJsonAsync())["resources"]![0]!.Guid();
        var events = (await foundation.Admin.GetAsync("/v3/audit_events?types=audit.app.create,audit.app.apply_manifest&order_by=created_at").OkJsonAsync())["resources"]!.AsArray();
        var recorded = events.Select(audit => (audit!["type"]!.GetValue<string>(), audit["target"]!["name"]!.GetValue<string>())).ToList();
        Assert.Equal([("audit.app.create", "api"), ("audit.app.apply_manifest", "api"), ("audit.app.create", "web"), ("audit.app.apply_manifest", "web")], recorded);
        var webManifest = events.Last()!;
        Assert.Equal((web, "admin", space), (webManifest["target"]!["guid"]!.GetValue<string>(), webManifest["actor"]!["name"]!.GetValue<string>(), webManifest["space"]!["guid"]!.GetValue<string>()));
        var yaml = webManifest["data"]!["request"]!["manifest"]!.GetValue<string>();
        Assert.Contains("name: web", yaml, StringComparison.Ordinal);
        Assert.Contains("env: '[PRIVATE DATA HIDDEN]'", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", yaml, StringComparison.Ordinal);
        Assert.Equal(1, (await foundation.Admin.GetAsync($"/v3/apps/{existing}/processes/web").OkJsonAsync())["instances"]!.GetValue<int>());

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/lifecycles/job/step", new { })).EnsureSuccessStatusCode();

        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(applied));
        Assert.Equal(2, (await foundation.Admin.GetAsync($"/v3/apps/{existing}/processes/web").OkJsonAsync())["instances"]!.GetValue<int>());
        var env = await foundation.Admin.GetAsync($"/v3/apps/{web}/environment_variables").OkJsonAsync();
        Assert.Equal("hunter2", env["var"]!["PASSWORD"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_route_of_another_space_fails_the_job_and_stays_unmapped()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var first = await foundation.SpaceAsync(org, "s1");
        var second = await foundation.SpaceAsync(org, "s2");
        var manifest = "applications:\n- name: web\n  routes:\n  - route: shop.apps.example.org\n";
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.PostAsync($"/v3/spaces/{first}/actions/apply_manifest", new StringContent(manifest, Encoding.UTF8, "application/x-yaml"))));

        var applied = await foundation.Admin.PostAsync($"/v3/spaces/{second}/actions/apply_manifest", new StringContent(manifest, Encoding.UTF8, "application/x-yaml"));

        var job = await foundation.Admin.GetAsync(applied.Headers.Location).OkJsonAsync();
        Assert.Equal(("FAILED", "CF-UnprocessableEntity", "For application 'web': For route 'shop.apps.example.org': Routes cannot be mapped to destinations in different spaces"),
            (job["state"]!.GetValue<string>(), job["errors"]![0]!["title"]!.GetValue<string>(), job["errors"]![0]!["detail"]!.GetValue<string>()));
        var route = (await foundation.Admin.GetAsync("/v3/routes?hosts=shop").OkJsonAsync())["resources"]![0]!;
        Assert.Single(route["destinations"]!.AsArray());
    }
}
