using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;
using Microsoft.AspNetCore.Mvc;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A team token (keyed by its id): a bearer secret acting as <c>{id}@tsuru-team-token</c> with its own roles.</summary>
public sealed record TsuruTeamToken(
    string Guid,
    string Token,
    string Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    string CreatorEmail,
    string Team,
    ImmutableList<TsuruRoleInstance> Roles) : IResource
{
    public string TokenId => Guid;
}

/// <summary>Team tokens: list, create (optionally expiring), info, update (description, expiry, regenerate) and delete.</summary>
public sealed class TsuruTokensApi : IFeatureModule
{
    private const string NotFound = "team token not found";

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.6", "/tokens", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruTeamToken>().All.Where(token => TsuruAuth.CanUseTeam(user, token.Team)).Select(Present));
        });
        TsuruRoutes.Map(routes, "POST", "1.6", "/tokens", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.7", "/tokens/{token_id}", ([FromRoute(Name = "token_id")] string tokenId, HttpContext context) =>
            TsuruJson.Json(Present(Usable(context, TsuruAuth.World(context), tokenId))));
        TsuruRoutes.Map(routes, "PUT", "1.6", "/tokens/{token_id}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.6", "/tokens/{token_id}", ([FromRoute(Name = "token_id")] string tokenId, HttpContext context) =>
        {
            context.Foundation().Write(transaction =>
            {
                var token = Usable(context, transaction.World, tokenId);
                transaction.Remove<TsuruTeamToken>(tokenId);
                TsuruEvents.Record(transaction, "team.token.delete", "team", token.Team, TsuruAuth.User(context));
            });
            return Results.Ok();
        });
    }

    private static TsuruTeamToken Usable(HttpContext context, World world, string tokenId)
    {
        var user = TsuruAuth.User(context);
        var token = world.Find<TsuruTeamToken>(tokenId) ?? throw TsuruException.NotFound(NotFound);
        return TsuruAuth.CanUseTeam(user, token.Team) ? token : throw TsuruException.Forbidden();
    }

    private static Dictionary<string, object> Present(TsuruTeamToken token)
    {
        var json = new Dictionary<string, object>
        {
            ["token"] = token.Token,
            ["token_id"] = token.TokenId,
            ["description"] = token.Description,
            ["created_at"] = TsuruEvents.Time(token.CreatedAt),
            ["expires_at"] = TsuruEvents.Time(token.ExpiresAt),
            ["last_access"] = TsuruEvents.Time(null),
            ["creator_email"] = token.CreatorEmail,
            ["team"] = token.Team,
        };
        if (token.Roles.Count > 0)
        {
            json["roles"] = token.Roles;
        }

        return json;
    }

    private static string NewSecret(Transaction transaction) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(transaction.NewGuid())));

    private static int ExpiresIn(TsuruInput input) =>
        input.Value("expires_in") is not { Length: > 0 } text ? 0
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds
        : throw TsuruException.BadRequest($"strconv.ParseInt: parsing \"{text}\": invalid syntax");

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var expiresIn = ExpiresIn(input);
        var created = context.Foundation().Write(transaction =>
        {
            var team = input.Value("team") is { Length: > 0 } named ? named : TsuruAuth.OnlyTeam(transaction.World, user);
            if (!TsuruAuth.CanUseTeam(user, team))
            {
                throw TsuruException.Forbidden();
            }

            if (transaction.Find<TsuruTeam>(team) is null)
            {
                throw TsuruException.NotFound("team not found");
            }

            var secret = NewSecret(transaction);
            var id = input.Value("token_id") is { Length: > 0 } given ? given : $"{team}-{secret[..5]}";
            if (!TsuruNames.IsValid(id))
            {
                throw TsuruException.BadRequest("invalid token_id");
            }

            if (transaction.Find<TsuruTeamToken>(id) is not null)
            {
                throw TsuruException.Conflict("team token already exists");
            }

            TsuruEvents.Record(transaction, "team.token.create", "team", team, user);
            return transaction.Put(new TsuruTeamToken(
                id, secret, input.Value("description") ?? string.Empty, transaction.Now, expiresIn != 0 ? transaction.Now.AddSeconds(expiresIn) : null, user.Email, team, []));
        });
        return TsuruJson.Sniffed(Present(created), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync([FromRoute(Name = "token_id")] string tokenId, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var expiresIn = ExpiresIn(input);
        var updated = context.Foundation().Write(transaction =>
        {
            var token = Usable(context, transaction.World, tokenId);
            TsuruEvents.Record(transaction, "team.token.update", "team", token.Team, TsuruAuth.User(context));
            return transaction.Put(token with
            {
                Token = input.Flag("regenerate") ? NewSecret(transaction) : token.Token,
                Description = input.Value("description") is { Length: > 0 } description ? description : token.Description,
                ExpiresAt = expiresIn > 0 ? transaction.Now.AddSeconds(expiresIn) : expiresIn < 0 ? null : token.ExpiresAt,
            });
        });
        return TsuruJson.Sniffed(Present(updated));
    }
}
