using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>Logs in to the Tsuru API as the seeded admin and builds form bodies, as the tsuru client sends them.</summary>
public static class TsuruSession
{
    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value)));

    public static async Task<HttpClient> LoginAsync(TestFoundation foundation)
    {
        var response = await foundation.Anonymous.PostAsync("/1.0/users/admin@example.com/tokens", Form(("password", "admin")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        Assert.Equal(40, token.Length);
        var client = foundation.NewClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        return client;
    }
}
