using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.Uaa;
using CloudFoundry.Fake.Tests.Fuzz;
using CloudFoundry.Fake.Tests.Support;
using CloudFoundry.Fake.Tests.Tsuru;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFoundry.Fake.Tests.Security;

/// <summary>
/// Every operation that needs a token refuses missing, malformed, forged, unsigned, foreign and expired ones with the
/// platform's 401; the public operations stay reachable without one.
/// </summary>
public sealed class TokenSecurityTests
{
    /// <summary>Served without a token by the Tsuru server (registration and password reset answer their own way).</summary>
    private static readonly HashSet<string> TsuruOpenOperations = new(StringComparer.Ordinal) { "POST /1.0/users", "POST /1.0/users/{email}/password" };

    private const string SomeGuid = "6f1d7c2a-93b4-4e0b-8a55-0123456789ab";

    [Fact]
    public async Task Cloud_Foundry_operations_refuse_bad_tokens_with_the_error_envelope()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await foundation.TokenAsync("admin");
        var badTokens = new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["malformed"] = "bearer not-a-jwt",
            ["truncated"] = "bearer " + admin[..admin.LastIndexOf('.')],
            ["forged signature"] = "bearer " + Forge(admin),
            ["alg none"] = "bearer " + Unsigned(admin),
            ["wrong audience"] = "bearer " + ForeignAudience(foundation.Engine.Clock.Now),
            ["not bearer"] = "basic YWRtaW46YWRtaW4=",
        };
        var problems = new List<string>();
        foreach (var (kind, header) in badTokens)
        {
            await CheckAllAsync(foundation, header, kind == "missing" ? ("CF-NotAuthenticated", 10002) : ("CF-InvalidAuthToken", 1000), kind, problems);
        }

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = TimeSpan.FromHours(13).TotalSeconds })).EnsureSuccessStatusCode();
        await CheckAllAsync(foundation, "bearer " + admin, ("CF-InvalidAuthToken", 1000), "expired", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Public_operations_answer_without_a_token()
    {
        using var foundation = await TestFoundation.CreateAsync();
        string[] uaa = ["/uaa/info", "/uaa/login", "/uaa/token_keys"];
        var paths = SpecOperations.All.Where(operation => operation.Public && operation.Method == "GET" && !operation.Path.Contains('{', StringComparison.Ordinal))
            .Where(operation => !operation.IsTsuru)
            .Select(operation => operation.Path)
            .Concat(uaa);

        foreach (var path in paths)
        {
            using var response = await foundation.Anonymous.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Tsuru_operations_refuse_missing_forged_and_expired_tokens_in_plain_text()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var session = (await TsuruSession.LoginAsync(foundation)).DefaultRequestHeaders.Authorization!.Parameter!;
        var problems = new List<string>();
        foreach (var (kind, header) in new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["forged"] = "bearer " + new string('f', 40),
            ["a Cloud Foundry token"] = "bearer " + await foundation.TokenAsync("admin"),
        })
        {
            await CheckTsuruAsync(foundation, header, kind, problems);
        }

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = TimeSpan.FromDays(400).TotalSeconds })).EnsureSuccessStatusCode();
        await CheckTsuruAsync(foundation, "bearer " + session, "expired", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task CheckAllAsync(TestFoundation foundation, string? authorization, (string Title, int Code) expected, string kind, List<string> problems)
    {
        var client = foundation.NewClient(null);
        foreach (var operation in SpecOperations.All.Where(operation => !operation.IsTsuru && !operation.Public))
        {
            using var request = Request(operation, authorization);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = JsonNode.Parse(text);
            var (title, code) = operation.Path.StartsWith("/v2/", StringComparison.Ordinal)
                ? (body?["error_code"]?.GetValue<string>(), body?["code"]?.GetValue<int>())
                : (body?["errors"]?[0]?["title"]?.GetValue<string>(), body?["errors"]?[0]?["code"]?.GetValue<int>());
            if (response.StatusCode != HttpStatusCode.Unauthorized || title != expected.Title || code != expected.Code)
            {
                problems.Add($"{kind}: {operation} answered {(int)response.StatusCode} {text}");
            }
        }
    }

    private static async Task CheckTsuruAsync(TestFoundation foundation, string? authorization, string kind, List<string> problems)
    {
        var client = foundation.NewClient(null);
        foreach (var operation in SpecOperations.All.Where(operation => operation.IsTsuru && !operation.Public && !TsuruOpenOperations.Contains(operation.ToString())))
        {
            using var request = Request(operation, authorization);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Unauthorized || text != "You must provide a valid Authorization header\n")
            {
                problems.Add($"{kind}: {operation} answered {(int)response.StatusCode} {text}");
            }
        }
    }

    private static HttpRequestMessage Request(SpecOperation operation, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), FuzzInputs.Fill(operation.Path, _ => SomeGuid));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string Forge(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        payload["user_name"] = "mallory";
        return $"{parts[0]}.{Base64UrlEncode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string Unsigned(string token) =>
        $"{Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{token.Split('.')[1]}.";

    private static string ForeignAudience(DateTimeOffset now)
    {
        var tokens = FakeApp.Factory.Services.GetRequiredService<TokenService>();
        return tokens.Issue(new TokenRequest(SomeGuid, "admin", "uaa", null, "other-client", "password", ["openid", "other.admin"], "http://localhost/uaa/oauth/token"), now);
    }

    private static string Base64UrlEncode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=')));
    }
}
