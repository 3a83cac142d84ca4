using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>
/// The subset of UAA that Cloud Foundry clients use, served under <c>/uaa</c> (the root document's
/// <c>login</c> and <c>uaa</c> links): login info, the token endpoint, signing keys, user info and SCIM users.
/// </summary>
public sealed class UaaApi : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(UaaSeed.Apply);

    public void Map(IEndpointRouteBuilder routes)
    {
        var uaa = routes.MapGroup("/uaa");
        uaa.MapGet("/login", LoginInfo);
        uaa.MapGet("/info", LoginInfo);
        uaa.MapGet("/healthz", () => Results.Text("ok"));
        uaa.MapPost("/oauth/token", IssueToken).DisableAntiforgery();
        uaa.MapGet("/token_keys", TokenKeys);
        uaa.MapGet("/token_key", (TokenService tokens) => Results.Json(Jwk(tokens)));
        uaa.MapGet("/userinfo", UserInfo);
        ScimUsers.Map(uaa);
    }

    private static IResult LoginInfo(HttpContext context)
    {
        var self = CfUrls.From(context.Request).Url("/uaa");
        return Results.Json(new Dictionary<string, object>
        {
            ["app"] = new { version = "77.0.0" },
            ["links"] = new Dictionary<string, string>
            {
                ["uaa"] = self,
                ["passwd"] = "/forgot_password",
                ["login"] = self,
                ["register"] = "/create_account",
            },
            ["zone_name"] = "uaa",
            ["entityID"] = "cloudfoundry-saml-login",
            ["commit_id"] = "fake",
            ["idpDefinitions"] = new Dictionary<string, string>(),
            ["prompts"] = new Dictionary<string, string[]>
            {
                ["username"] = ["text", "Email"],
                ["password"] = ["password", "Password"],
            },
            ["timestamp"] = CfJson.Timestamp(context.Foundation().Clock.Now),
        });
    }

    private static async Task<IResult> IssueToken(HttpContext context, TokenService tokens)
    {
        if (!context.Request.HasFormContentType)
        {
            return UaaErrors.InvalidRequest("Missing grant type");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var foundation = context.Foundation();
        var world = foundation.World;
        var (clientId, secret) = ClientCredentials(context.Request, form);
        var client = world.Find<UaaClient>(clientId);
        if (client is null || client.Secret != secret)
        {
            return UaaErrors.Unauthorized();
        }

        var grantType = form["grant_type"].ToString();
        if (!client.GrantTypes.Contains(grantType))
        {
            return grantType is "password" or "refresh_token" or "client_credentials"
                ? UaaErrors.Error(StatusCodes.Status401Unauthorized, "invalid_client", $"Unauthorized grant type: {grantType}")
                : UaaErrors.Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", $"Unsupported grant type: {grantType}");
        }

        var issuer = CfUrls.From(context.Request).Url("/uaa/oauth/token");
        var now = foundation.Clock.Now;
        switch (grantType)
        {
            case "client_credentials":
                var clientRequest = new TokenRequest(null, null, null, null, client.Guid, grantType, client.Authorities, issuer);
                return TokenResponse(tokens, clientRequest, now, withRefresh: false);
            case "password":
                var origin = LoginHintOrigin(form["login_hint"].ToString()) ?? "uaa";
                var user = UaaUser.FindByName(world, form["username"].ToString(), origin);
                return user is null || user.Password != form["password"].ToString()
                    ? UaaErrors.Unauthorized()
                    : TokenResponse(tokens, UserTokenRequest(user, client, grantType, issuer), now, withRefresh: true);
            default:
                var refresh = await tokens.ValidateAsync(form["refresh_token"].ToString(), now);
                var refreshedUser = refresh is not null && refresh.Id.EndsWith("-r", StringComparison.Ordinal) &&
                                    refresh.TryGetPayloadValue<string>("user_id", out var userId)
                    ? world.Find<UaaUser>(userId)
                    : null;
                return refreshedUser is null
                    ? UaaErrors.InvalidToken("Invalid refresh token (expired)")
                    : TokenResponse(tokens, UserTokenRequest(refreshedUser, client, grantType, issuer), now, withRefresh: true);
        }
    }

    private static TokenRequest UserTokenRequest(UaaUser user, UaaClient client, string grantType, string issuer) =>
        new(user.Guid, user.UserName, user.Origin, user.Email, client.Guid, grantType, user.Scopes, issuer);

    private static IResult TokenResponse(TokenService tokens, TokenRequest request, DateTimeOffset now, bool withRefresh)
    {
        var access = tokens.Issue(request, now);
        var body = new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)tokens.Lifetime.TotalSeconds - 1,
            ["scope"] = string.Join(' ', request.Scopes),
            ["jti"] = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(access).Id,
        };
        if (withRefresh)
        {
            body["refresh_token"] = tokens.Issue(request, now, refresh: true);
        }

        return Results.Json(body);
    }

    private static (string ClientId, string Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (decoded, string.Empty) : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (string.Empty, string.Empty);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static string? LoginHintOrigin(string loginHint)
    {
        if (string.IsNullOrEmpty(loginHint))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(loginHint)?["origin"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult TokenKeys(TokenService tokens) => Results.Json(new { keys = new[] { Jwk(tokens) } });

    private static Dictionary<string, string> Jwk(TokenService tokens)
    {
        var parameters = tokens.PublicKey;
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["use"] = "sig",
            ["kid"] = TokenService.KeyId,
            ["alg"] = "RS256",
            ["value"] = tokens.PublicKeyPem,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
        };
    }

    private static async Task<IResult> UserInfo(HttpContext context, TokenService tokens)
    {
        var caller = await UaaCaller.ReadAsync(context, tokens);
        if (caller is null)
        {
            return UaaErrors.InvalidToken("Invalid access token");
        }

        var user = context.Foundation().World.Find<UaaUser>(caller.UserGuid);
        return user is null
            ? UaaErrors.InvalidToken("Invalid access token")
            : Results.Json(new Dictionary<string, object?>
            {
                ["user_id"] = user.Guid,
                ["sub"] = user.Guid,
                ["user_name"] = user.UserName,
                ["given_name"] = user.UserName,
                ["family_name"] = user.UserName,
                ["email"] = user.Email,
                ["phone_number"] = null,
                ["previous_logon_time"] = null,
                ["email_verified"] = true,
                ["name"] = user.UserName,
            });
    }
}
