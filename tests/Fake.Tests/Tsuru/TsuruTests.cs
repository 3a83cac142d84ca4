using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruTests
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => TsuruSession.Form(fields);

    private static Task<HttpClient> LoginAsync(TestFoundation foundation) => TsuruSession.LoginAsync(foundation);

    [Fact]
    public async Task Login_errors_are_plain_text_with_tsuru_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var wrong = await foundation.Anonymous.PostAsync("/users/admin@example.com/tokens", Form(("password", "nope")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Authentication failed, wrong password.\n", await wrong.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", wrong.Content.Headers.ContentType!.ToString());
        var unknown = await foundation.Anonymous.PostAsync("/auth/login", Form(("email", "who@example.com"), ("password", "secret1")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var anonymous = await foundation.Anonymous.GetAsync("/apps");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("You must provide a valid Authorization header\n", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal("1.0.1", anonymous.Headers.GetValues("Supported-Tsuru").Single());
        var wrongVersion = await foundation.Anonymous.GetAsync("/1.1/apps");
        Assert.Equal("404 page not found\n", await wrongVersion.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apps_are_created_configured_scaled_and_removed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);

        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/apps")).StatusCode);
        var created = await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var duplicate = await tsuru.PostAsync("/apps", Form(("name", "web")));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("tsuru failed to create the app \"web\": there is already an app with this name\n", await duplicate.Content.ReadAsStringAsync());
        var invalid = await tsuru.PostAsync("/apps", Form(("name", "Bad_Name")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var env = await tsuru.PostAsync("/apps/web/env", Form(("Envs.0.Name", "FOO"), ("Envs.0.Value", "bar")));
        Assert.Equal("application/x-json-stream", env.Content.Headers.ContentType!.MediaType);
        var variables = JsonNode.Parse(await tsuru.GetStringAsync("/apps/web/env?env=FOO"))!.AsArray();
        Assert.Equal("bar", variables.Single()!["value"]!.GetValue<string>());
        (await tsuru.PutAsync("/apps/web/units", Form(("units", "2")))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/apps/web/stop", null)).EnsureSuccessStatusCode();

        var info = JsonNode.Parse(await tsuru.GetStringAsync("/apps/web"))!;
        Assert.Equal(2, info["units"]!.AsArray().Count);
        Assert.Equal("stopped", info["units"]![0]!["Status"]!.GetValue<string>());
        Assert.Equal("admin", info["teamowner"]!.GetValue<string>());
        var missing = await tsuru.GetAsync("/apps/nope");
        Assert.Equal("App nope not found.\n", await missing.Content.ReadAsStringAsync());

        (await tsuru.DeleteAsync("/apps/web")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/apps")).StatusCode);
    }

    [Fact]
    public async Task Teams_pools_plans_platforms_and_user_info()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);

        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/teams", Form(("name", "devs")))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tsuru.PostAsync("/teams", Form(("name", "devs")))).StatusCode);
        var teams = JsonNode.Parse(await tsuru.GetStringAsync("/teams"))!.AsArray();
        Assert.Contains("devs", teams.Select(team => team!["name"]!.GetValue<string>()));
        var user = JsonNode.Parse(await tsuru.GetStringAsync("/users/info"))!;
        Assert.Equal("admin@example.com", user["Email"]!.GetValue<string>());
        var platforms = JsonNode.Parse(await tsuru.GetStringAsync("/platforms"))!.AsArray();
        Assert.Contains("python", platforms.Select(platform => platform!["Name"]!.GetValue<string>()));
        Assert.True(JsonNode.Parse(await tsuru.GetStringAsync("/pools"))![0]!["default"]!.GetValue<bool>());
        Assert.True(JsonNode.Parse(await tsuru.GetStringAsync("/plans"))![0]!["default"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/teams/devs")).StatusCode);
    }
}
