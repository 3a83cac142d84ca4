using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Tsuru;
using CloudFoundry.Fake.Features.Users;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Admin;

public sealed record SeedRoleRequest(string Type, string Target);

public sealed record SeedUserRequest(string Username, string? Password, string? Origin, IReadOnlyList<string>? Scopes, IReadOnlyList<SeedRoleRequest>? Roles);

public sealed record TokenForRequest(string? Username, string? Origin, string? ClientId);

public sealed record TsuruTokenRequest(string? Email);

/// <summary>Seeds users with roles in one call, and issues tokens for them without a password round trip.</summary>
public static class UserAdmin
{
    public static void Map(RouteGroupBuilder foundation)
    {
        foundation.MapPost("/users", (string id, SeedUserRequest request, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                try
                {
                    return Results.Json(found.Write(transaction => Seed(transaction, request)), statusCode: StatusCodes.Status201Created);
                }
                catch (CfException exception)
                {
                    return AdminApi.Invalid(exception.Message);
                }
            }));
        foundation.MapPost("/tokens", (string id, TokenForRequest request, Foundations foundations, TokenService tokens, HttpContext context) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                var issuer = CfUrls.From(context.Request).Url("/uaa/oauth/token");
                var tokenRequest = TokenRequestFor(found.World, request, issuer);
                if (tokenRequest is null)
                {
                    return AdminApi.Invalid("No such user or client.");
                }

                return Results.Json(new
                {
                    access_token = tokens.Issue(tokenRequest, found.Clock.Now),
                    refresh_token = tokens.Issue(tokenRequest, found.Clock.Now, refresh: true),
                    token_type = "bearer",
                });
            }));
        foundation.MapPost("/tsuru/tokens", (string id, TsuruTokenRequest? request, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found => TsuruToken(found, request)));
    }

    private static IResult TsuruToken(Foundation foundation, TsuruTokenRequest? request)
    {
        var email = request?.Email ?? TsuruSeed.AdminEmail;
        if (foundation.World.Find<TsuruUser>(email) is null)
        {
            return AdminApi.Invalid($"No Tsuru user '{email}'.");
        }

        var session = foundation.Write(transaction => TsuruUsersApi.OpenSession(transaction, email));
        return Results.Json(new { token = session.Guid, expires_at = session.ExpiresAt }, statusCode: StatusCodes.Status201Created);
    }

    public static SeededUser Seed(Transaction transaction, SeedUserRequest request)
    {
        var origin = request.Origin ?? "uaa";
        var scopes = request.Scopes is null ? UaaUser.DefaultScopes : UaaUser.DefaultScopes.Union(request.Scopes);
        var existing = UaaUser.FindByName(transaction.World, request.Username, origin);
        var guid = existing?.Guid ?? transaction.NewGuid();
        transaction.Put(new UaaUser(guid, request.Username, request.Password ?? "password", origin, $"{request.Username}@example.org",
            scopes, existing?.CreatedAt ?? transaction.Now));
        if (transaction.Find<User>(guid) is null)
        {
            transaction.Put(new User(guid, request.Username, origin, ResourceMetadata.Empty, transaction.Now, transaction.Now));
        }

        var roles = (request.Roles ?? []).Select(role => RoleAssignment.Assign(transaction, role.Type, guid, role.Target, request.Username).Guid).ToList();
        return new SeededUser(guid, request.Username, origin, roles);
    }

    private static TokenRequest? TokenRequestFor(World world, TokenForRequest request, string issuer)
    {
        if (request.ClientId is { } clientId)
        {
            return world.Find<UaaClient>(clientId) is { } client
                ? new TokenRequest(null, null, null, null, client.Guid, "client_credentials", client.Authorities, issuer)
                : null;
        }

        return UaaUser.FindByName(world, request.Username ?? string.Empty, request.Origin ?? "uaa") is { } user
            ? new TokenRequest(user.Guid, user.UserName, user.Origin, user.Email, "cf", "password", user.Scopes, issuer)
            : null;
    }
}

public sealed record SeededUser(string Guid, string Username, string Origin, IReadOnlyList<string> RoleGuids);
