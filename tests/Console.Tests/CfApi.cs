using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Console.Tests;

/// <summary>The Cloud Foundry V3 calls the tests make as a client would, to give the console something to show.</summary>
public static class CfApi
{
    public static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<string> GuidAsync(HttpClient client, string path, object body) =>
        (await PostAsync(client, path, body))["guid"]!.GetValue<string>();

    /// <summary>A space in the seeded <c>system</c> org and an app in it; returns the app's guid.</summary>
    public static async Task<string> CreateAppAsync(HttpClient client, string spaceName, string appName)
    {
        var organizations = JsonNode.Parse(await client.GetStringAsync("/v3/organizations?names=system"))!;
        var organization = organizations["resources"]![0]!["guid"]!.GetValue<string>();
        var space = await GuidAsync(client, "/v3/spaces", new { name = spaceName, relationships = new { organization = new { data = new { guid = organization } } } });
        return await GuidAsync(client, "/v3/apps", new { name = appName, relationships = new { space = new { data = new { guid = space } } } });
    }

    /// <summary>A docker package of the app and a build of it; returns the build's guid.</summary>
    public static async Task<string> StageAsync(HttpClient client, string app)
    {
        var package = await GuidAsync(client, "/v3/packages", new { type = "docker", data = new { image = "nginx" }, relationships = new { app = new { data = new { guid = app } } } });
        return await GuidAsync(client, "/v3/builds", new { package = new { guid = package } });
    }
}
