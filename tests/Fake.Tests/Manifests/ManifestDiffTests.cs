using System.Net;
using System.Net.Http.Json;
using System.Text;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Manifests;

public sealed class ManifestDiffTests
{
    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/x-yaml");

    [Fact]
    public async Task The_diff_shows_what_applying_a_manifest_would_change()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("o1"), "s1");
        var (app, _) = await foundation.StagedAppAsync(space, "web");
        (await foundation.Admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new Dictionary<string, string> { ["COLOR"] = "blue" } })).EnsureSuccessStatusCode();

        var response = await foundation.Admin.PostAsync($"/v3/spaces/{space}/manifest_diff", Yaml("""
            applications:
            - name: web
              env:
                COLOR: green
              processes:
              - type: web
                instances: 3
            - name: worker
              instances: 1
            """));

        var diff = (await response.JsonAsync(HttpStatusCode.Created))["diff"]!.AsArray();
        Assert.Contains(diff, change => change!["op"]!.GetValue<string>() == "replace" && change["path"]!.GetValue<string>() == "/applications/0/env/COLOR"
            && change["was"]!.GetValue<string>() == "blue" && change["value"]!.GetValue<string>() == "green");
        Assert.Contains(diff, change => change!["path"]!.GetValue<string>() == "/applications/0/processes/0/instances" && change["was"]!.GetValue<string>() == "1");
        Assert.Contains(diff, change => change!["op"]!.GetValue<string>() == "add" && change["path"]!.GetValue<string>() == "/applications/1");
        JsonSnapshot.Match(diff);
    }

    [Fact]
    public async Task Bad_manifests_and_callers_are_refused()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        var space = await foundation.SpaceAsync(org, "s1");

        await foundation.Admin.PostAsync($"/v3/spaces/{space}/manifest_diff", Yaml("applications: [")).AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-MessageParseError", 1001);
        await foundation.Admin.PostAsync($"/v3/spaces/{space}/manifest_diff", Yaml("name: x")).AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Applications must be a list of applications");
        var auditor = await foundation.ClientForUserAsync("aud", ("organization_user", org), ("space_auditor", space));
        await auditor.PostAsync($"/v3/spaces/{space}/manifest_diff", Yaml("applications: [{name: x}]")).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }
}
