using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Logs in the way the cf CLI does: the root document's <c>login</c> link, then a password grant as client <c>cf</c>
/// (or a client credentials grant for a client of its own); or, for Tsuru, the way the tsuru client does.
/// </summary>
public static class TargetLogin
{
    /// <summary>An access token for the login the options ask for.</summary>
    public static Task<string> ForAsync(HttpClient http, CommandLine options, CancellationToken cancellationToken = default) =>
        options.ClientId is { } clientId ? ClientCredentialsAsync(http, clientId, options.ClientSecret!, cancellationToken)
        : options.IsTsuru ? TsuruAsync(http, options.Username, options.Password, cancellationToken)
        : PasswordAsync(http, options.Username, options.Password, cancellationToken);

    /// <summary>
    /// A Tsuru session token: <c>GET /1.0/auth/scheme</c> must say <c>native</c>, then <c>POST /1.0/auth/login</c> with
    /// the email and password as a form.
    /// </summary>
    public static async Task<string> TsuruAsync(HttpClient http, string email, string password, CancellationToken cancellationToken = default)
    {
        var scheme = JsonNode.Parse(await http.GetStringAsync(new Uri("/1.0/auth/scheme", UriKind.Relative), cancellationToken))?["name"]?.ToString();
        if (scheme != "native")
        {
            throw new InvalidOperationException($"The target's Tsuru auth scheme is {scheme}; only native logins are supported.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        using var response = await http.PostAsync(new Uri("/1.0/auth/login", UriKind.Relative), form, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.IsSuccessStatusCode ? JsonNode.Parse(text)?["token"]?.ToString() : null)
            ?? throw new InvalidOperationException($"Login failed with {(int)response.StatusCode}: {text}");
    }

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
