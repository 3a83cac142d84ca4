using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Logs in the way the cf CLI does: the root document's <c>login</c> link, then a password grant as client <c>cf</c>
/// (or a client credentials grant for a client of its own).
/// </summary>
public static class TargetLogin
{
    /// <summary>Returns an access token for the user.</summary>
    public static Task<string> PasswordAsync(HttpClient http, string username, string password, CancellationToken cancellationToken = default) =>
        TokenAsync(http, "cf", string.Empty, new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = password }, cancellationToken);

    /// <summary>Returns an access token for an OAuth client.</summary>
    public static Task<string> ClientCredentialsAsync(HttpClient http, string clientId, string clientSecret, CancellationToken cancellationToken = default) =>
        TokenAsync(http, clientId, clientSecret, new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, cancellationToken);

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string clientSecret, Dictionary<string, string> grant, CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(await http.GetStringAsync(new Uri("/", UriKind.Relative), cancellationToken));
        var login = root?["links"]?["login"]?["href"]?.ToString() ?? throw new InvalidOperationException("The target's root document has no login link.");
        using var request = new HttpRequestMessage(HttpMethod.Post, login.TrimEnd('/') + "/oauth/token") { Content = new FormUrlEncodedContent(grant) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body?["access_token"]?.ToString() ?? throw new InvalidOperationException($"Login failed with {(int)response.StatusCode}: {body}");
    }
}
