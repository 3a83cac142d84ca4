using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CloudFoundry.Fake.Engine;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>
/// Issues and validates UAA-shaped JWTs (RS256, key published at <c>/uaa/token_keys</c>). Expiry follows
/// the foundation clock, so a test that advances the clock sees tokens expire.
/// </summary>
public sealed class TokenService : IDisposable
{
    public const string KeyId = "key-1";
    private const int MaxVerifiedTokens = 10_000;

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TimeSpan lifetime;
    private readonly ConcurrentDictionary<string, JsonWebToken> verified = new(StringComparer.Ordinal);

    public TokenService(FakeOptions options)
    {
        key = new RsaSecurityKey(rsa) { KeyId = KeyId };
        lifetime = options.AccessTokenLifetime;
    }

    public TimeSpan Lifetime => lifetime;

    public RSAParameters PublicKey => rsa.ExportParameters(false);

    public string PublicKeyPem => rsa.ExportSubjectPublicKeyInfoPem();

    public string Issue(TokenRequest request, DateTimeOffset now, bool refresh = false)
    {
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString("N") + (refresh ? "-r" : string.Empty),
            ["sub"] = request.UserGuid ?? request.ClientId,
            ["scope"] = request.Scopes.ToArray(),
            ["client_id"] = request.ClientId,
            ["cid"] = request.ClientId,
            ["azp"] = request.ClientId,
            ["grant_type"] = request.GrantType,
            ["rev_sig"] = "fake",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (refresh ? lifetime * 2 : lifetime)).ToUnixTimeSeconds(),
            ["iss"] = request.Issuer,
            ["zid"] = "uaa",
            ["aud"] = request.Scopes.Select(scope => scope.Split('.')[0]).Append(request.ClientId).Distinct().ToArray(),
        };
        if (request.UserGuid is not null)
        {
            claims["user_id"] = request.UserGuid;
            claims["user_name"] = request.UserName ?? string.Empty;
            claims["origin"] = request.Origin ?? "uaa";
            claims["email"] = request.Email ?? string.Empty;
            claims["auth_time"] = now.ToUnixTimeSeconds();
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// Validates signature and expiry; returns the token's claims, or null when it is not valid now. A signature is
    /// checked once per token (tokens are immutable and the key never changes); expiry is checked on every call, against
    /// the foundation's clock.
    /// </summary>
    public async Task<JsonWebToken?> ValidateAsync(string token, DateTimeOffset now)
    {
        if (!verified.TryGetValue(token, out var jwt))
        {
            var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = false,
                RequireExpirationTime = false,
            });
            if (!result.IsValid || result.SecurityToken is not JsonWebToken valid)
            {
                return null;
            }

            if (verified.Count >= MaxVerifiedTokens)
            {
                verified.Clear();
            }

            verified[token] = jwt = valid;
        }

        return jwt.TryGetPayloadValue<long>("exp", out var exp) && exp > now.ToUnixTimeSeconds() ? jwt : null;
    }

    public static Caller ToCaller(JsonWebToken token)
    {
        string? Claim(string name) => token.TryGetPayloadValue<string>(name, out var value) ? value : null;
        var scopes = token.TryGetPayloadValue<string[]>("scope", out var scopeArray) ? scopeArray : [];
        var clientId = Claim("client_id") ?? string.Empty;
        return new Caller(
            Claim("user_id") ?? clientId,
            Claim("user_name"),
            Claim("origin"),
            Claim("email"),
            clientId,
            new HashSet<string>(scopes, StringComparer.Ordinal));
    }

    public void Dispose() => rsa.Dispose();
}

/// <summary>What a token is issued for.</summary>
public sealed record TokenRequest(
    string? UserGuid,
    string? UserName,
    string? Origin,
    string? Email,
    string ClientId,
    string GrantType,
    IReadOnlyCollection<string> Scopes,
    string Issuer);
