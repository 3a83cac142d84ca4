using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>Steps the service tests share: a second (non-admin) user, an app, an instance of the seeded mysql service, stream reading.</summary>
public static class TsuruServiceSteps
{
    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => TsuruSession.Form(fields);

    /// <summary>Registers a user (as the admin) and returns a client logged in as that user; it belongs to no team.</summary>
    public static async Task<HttpClient> MemberAsync(TestFoundation foundation, HttpClient admin, string email)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/users", Form(("email", email), ("password", "secret123")))).StatusCode);
        var login = await foundation.Anonymous.PostAsync($"/1.0/users/{email}/tokens", Form(("password", "secret123")));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = foundation.NewClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", JsonNode.Parse(await login.Content.ReadAsStringAsync())!["token"]!.GetValue<string>());
        return client;
    }

    public static async Task CreateAppAsync(HttpClient tsuru, string name)
    {
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.0/apps", Form(("name", name), ("platform", "python")))).StatusCode);
    }

    public static async Task CreateInstanceAsync(HttpClient tsuru, string name, string plan = "small")
    {
        var response = await tsuru.PostAsync("/1.0/services/mysql/instances", Form(("name", name), ("plan", plan), ("owner", "admin")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The <c>Message</c> of every line of an <c>application/x-json-stream</c> answer, after checking its shape.</summary>
    public static async Task<List<string>> MessagesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-json-stream", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(line => JsonNode.Parse(line)!).Select(line =>
        {
            Assert.NotNull(line["Timestamp"]);
            return line["Message"]!.GetValue<string>();
        })];
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(message + "\n", await response.Content.ReadAsStringAsync());
    }
}
