using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>Logs in to the Tsuru API as the seeded admin and builds form bodies, as the tsuru client sends them.</summary>
public static class TsuruSession
{
    /// <summary>A session token of the user (<c>POST /users/{email}/tokens</c>).</summary>
    public static async Task<string> TokenAsync(TestFoundation foundation, string email = "admin@example.com", string password = "admin")
    {
        var response = await foundation.Anonymous.PostAsync($"/1.0/users/{email}/tokens", Form(("password", password)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        Assert.Equal(40, token.Length);
        return token;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value)));

    public static Task<HttpClient> LoginAsync(TestFoundation foundation) => LoginAsync(foundation, "admin@example.com", "admin");

    /// <summary>Registers a user through the admin client and logs it in.</summary>
    public static async Task<HttpClient> NewUserAsync(TestFoundation foundation, HttpClient admin, string email, string password = "secret1")
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/users", Form(("email", email), ("password", password)))).StatusCode);
        return await LoginAsync(foundation, email, password);
    }

    /// <summary>Asserts the server's plain-text error: status, text and newline.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(message + "\n", await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null) => new(method, path) { Content = content };

    public static async Task<HttpClient> LoginAsync(TestFoundation foundation, string email, string password)
    {
        var token = await TokenAsync(foundation, email, password);
        var client = foundation.NewClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        return client;
    }
}
