using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Uaa;

public sealed class UaaTests
{
    private static HttpRequestMessage TokenRequest(string client, Dictionary<string, string> form) => new(HttpMethod.Post, "/uaa/oauth/token")
    {
        Content = new FormUrlEncodedContent(form),
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(client))) },
    };

    private static JsonObject Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();
    }

    [Fact]
    public async Task Password_grant_issues_a_jwt_the_cf_cli_can_read()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var response = await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "password", ["username"] = "admin", ["password"] = "admin" }));

        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(43199, body["expires_in"]!.GetValue<long>());
        var claims = Claims(body["access_token"]!.GetValue<string>());
        Assert.Equal("admin", claims["user_name"]!.GetValue<string>());
        Assert.Equal("uaa", claims["origin"]!.GetValue<string>());
        Assert.Equal("cf", claims["client_id"]!.GetValue<string>());
        Assert.Equal("password", claims["grant_type"]!.GetValue<string>());
        Assert.Contains("cloud_controller.admin", claims["scope"]!.AsArray().Select(scope => scope!.GetValue<string>()));
        Assert.Equal(claims["iat"]!.GetValue<long>() + (12 * 3600), claims["exp"]!.GetValue<long>());
        foreach (var claim in new[] { "user_id", "email", "jti" })
        {
            Assert.NotNull(claims[claim]);
        }

        using var client = foundation.NewClient(body["access_token"]!.GetValue<string>());
        (await client.GetAsync("/v3/organizations")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Refresh_and_client_credentials_grants_work()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var first = await (await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "password", ["username"] = "admin", ["password"] = "admin" }))).JsonAsync(HttpStatusCode.OK);

        var refreshed = await (await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first["refresh_token"]!.GetValue<string>() }))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("admin", Claims(refreshed["access_token"]!.GetValue<string>())["user_name"]!.GetValue<string>());

        var client = await (await foundation.Anonymous.SendAsync(TokenRequest("admin:admin-secret", new() { ["grant_type"] = "client_credentials" }))).JsonAsync(HttpStatusCode.OK);
        var claims = Claims(client["access_token"]!.GetValue<string>());
        Assert.Null(claims["user_name"]);
        Assert.Null(client["refresh_token"]);
        using var api = foundation.NewClient(client["access_token"]!.GetValue<string>());
        (await api.GetAsync("/v3/organizations")).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("cf:", "password", "wrong", HttpStatusCode.Unauthorized, "unauthorized", "Bad credentials")]
    [InlineData("nobody:x", "password", "admin", HttpStatusCode.Unauthorized, "unauthorized", "Bad credentials")]
    public async Task Bad_credentials_get_uaa_errors(string client, string grant, string password, HttpStatusCode status, string error, string description)
    {
        using var foundation = await TestFoundation.CreateAsync();

        var response = await foundation.Anonymous.SendAsync(TokenRequest(client, new() { ["grant_type"] = grant, ["username"] = "admin", ["password"] = password }));

        var body = await response.JsonAsync(status);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.Equal(description, body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_refresh_tokens_and_unsupported_grants_are_rejected()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var refresh = await (await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "garbage" }))).JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_token", refresh["error"]!.GetValue<string>());

        var unsupported = await (await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "magic" }))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("unsupported_grant_type", unsupported["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_info_token_keys_and_userinfo_are_served()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var login = await foundation.Anonymous.GetAsync("/uaa/login").OkJsonAsync();
        Assert.Equal("password", login["prompts"]!["password"]![0]!.GetValue<string>());

        var keys = await foundation.Anonymous.GetAsync("/uaa/token_keys").OkJsonAsync();
        Assert.Equal("RS256", keys["keys"]![0]!["alg"]!.GetValue<string>());

        var userInfo = await foundation.Admin.GetAsync("/uaa/userinfo").OkJsonAsync();
        Assert.Equal("admin", userInfo["user_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scim_users_can_be_created_found_and_deleted_and_then_log_in()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var created = await (await foundation.Admin.PostAsJsonAsync("/uaa/Users", new { userName = "bob", password = "pw", origin = "uaa", emails = new[] { new { value = "bob@example.org" } } })).JsonAsync(HttpStatusCode.Created);
        var duplicate = await (await foundation.Admin.PostAsJsonAsync("/uaa/Users", new { userName = "bob", password = "pw" })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("scim_resource_already_exists", duplicate["error"]!.GetValue<string>());

        var found = await foundation.Admin.GetAsync("/uaa/Users?filter=" + Uri.EscapeDataString("userName eq \"bob\"")).OkJsonAsync();
        Assert.Equal(created["id"]!.GetValue<string>(), found["resources"]![0]!["id"]!.GetValue<string>());

        var token = await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "password", ["username"] = "bob", ["password"] = "pw" }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        (await foundation.Admin.DeleteAsync($"/uaa/Users/{created["id"]!.GetValue<string>()}")).EnsureSuccessStatusCode();
        var afterDelete = await foundation.Anonymous.SendAsync(TokenRequest("cf:", new() { ["grant_type"] = "password", ["username"] = "bob", ["password"] = "pw" }));
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);

        var forbidden = await foundation.Anonymous.PostAsJsonAsync("/uaa/Users", new { userName = "eve" });
        Assert.Equal(HttpStatusCode.Unauthorized, forbidden.StatusCode);
    }
}
