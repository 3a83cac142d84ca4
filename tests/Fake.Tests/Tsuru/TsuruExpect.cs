using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>Assertions on Tsuru answers and a non-admin member of its own team, shared by the Tsuru test families.</summary>
public static class TsuruExpect
{
    /// <summary>The answer has this status and exactly this body.</summary>
    public static async Task TextAsync(Task<HttpResponseMessage> sending, HttpStatusCode status, string text)
    {
        using var response = await sending;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The answer has this status and a JSON body, returned parsed.</summary>
    public static async Task<JsonNode> JsonAsync(Task<HttpResponseMessage> sending, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The answer is a 200 <c>application/x-json-stream</c>; its messages (and errors) are returned.</summary>
    public static async Task<List<JsonObject>> StreamAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"got {response.StatusCode}: {text}");
        Assert.Equal("application/x-json-stream", response.Content.Headers.ContentType?.MediaType);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>A JSON request body, as go-tsuruclient sends it.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Registers <paramref name="email"/> (as the admin), logs in and creates <paramref name="team"/>, which the user then belongs to.</summary>
    public static async Task<HttpClient> MemberAsync(TestFoundation foundation, HttpClient admin, string email, string team)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/users", Form(("email", email), ("password", "secret1")))).StatusCode);
        var login = await foundation.Anonymous.PostAsync($"/1.0/users/{email}/tokens", Form(("password", "secret1")));
        var token = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var client = foundation.NewClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/1.0/teams", Form(("name", team)))).StatusCode);
        return client;
    }
}
