using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// Logs in the way the cf CLI does: UAA is found from the root document (<c>login</c> for tokens, <c>uaa</c> for SCIM
/// users), then a password grant as client <c>cf</c> or a client credentials grant. Works the same on the fake.
/// </summary>
internal sealed class UaaLogin(HttpClient anonymous)
{
    private Task<(Uri Login, Uri Uaa)>? links;

    /// <summary>UAA's address for SCIM (<c>/Users</c>), with a trailing slash.</summary>
    public async Task<Uri> UaaAsync() => (await LinksAsync()).Uaa;

    /// <summary>A token of a user, by password grant as client <c>cf</c>.</summary>
    public Task<string> PasswordTokenAsync(string username, string password) =>
        TokenAsync(username, "cf", string.Empty, [new("grant_type", "password"), new("username", username), new("password", password)]);

    /// <summary>A token of an OAuth client, by client credentials grant.</summary>
    public Task<string> ClientTokenAsync(string clientId, string secret) =>
        TokenAsync(clientId, clientId, secret, [new("grant_type", "client_credentials")]);

    private Task<(Uri Login, Uri Uaa)> LinksAsync() => links ??= DiscoverAsync();

    private async Task<(Uri Login, Uri Uaa)> DiscoverAsync()
    {
        var root = JsonNode.Parse(await anonymous.GetStringAsync(string.Empty))?["links"];
        var login = root?["login"]?["href"]?.GetValue<string>() ?? root?["uaa"]?["href"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{anonymous.BaseAddress} has no login link in its root document.");
        var uaa = root?["uaa"]?["href"]?.GetValue<string>() ?? login;
        return (new Uri(login.TrimEnd('/') + "/"), new Uri(uaa.TrimEnd('/') + "/"));
    }

    private async Task<string> TokenAsync(string who, string clientId, string secret, KeyValuePair<string, string>[] grant)
    {
        var login = (await LinksAsync()).Login;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(login, "oauth/token")) { Content = new FormUrlEncodedContent(grant) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await anonymous.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(text)?["access_token"]?.GetValue<string>() is not { } token)
        {
            throw new InvalidOperationException($"Logging in to {login} as '{who}' answered {(int)response.StatusCode}: {text}");
        }

        return token;
    }
}
