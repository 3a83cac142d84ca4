using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A pending password reset (sent by mail on the real server), usable once within a day.</summary>
public sealed record TsuruPasswordReset(string Guid, string Email, DateTimeOffset CreatedAt, bool Used) : IResource;

/// <summary>
/// Tsuru users of the native scheme: login and logout, registration, list and info with their roles, removal, password
/// change and reset, API keys, app quota, and the SAML and SSH key calls this server does not support.
/// </summary>
public sealed partial class TsuruUsersApi : IFeatureModule
{
    private const string Unsupported = "This URL is only supported with saml enabled";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);
    private static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(24);

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "POST", "1.0", "/users/{email}/tokens", (string email, HttpContext context) => LoginAsync(context, email));
        TsuruRoutes.Map(routes, "POST", "1.0", "/auth/login", (HttpContext context) => LoginAsync(context, null));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/users/tokens", Logout);
        TsuruRoutes.Map(routes, "GET", "1.0", "/users/info", (HttpContext context) =>
            TsuruJson.Json(TsuruRolesApi.PresentUser(TsuruAuth.World(context), TsuruAuth.User(context))));
        TsuruRoutes.Map(routes, "POST", "1.0", "/users", CreateUserAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/users", ListUsers);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/users", RemoveUser);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/users/password", ChangePasswordAsync);
        TsuruRoutes.Map(routes, "POST", "1.0", "/users/{email}/password", ResetPasswordAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/users/api-key", (HttpContext context) => ApiKey(context, regenerate: false));
        TsuruRoutes.Map(routes, "POST", "1.0", "/users/api-key", (HttpContext context) => ApiKey(context, regenerate: true));
        TsuruRoutes.Map(routes, "GET", "1.0", "/users/{email}/quota", (string email, HttpContext context) =>
        {
            var caller = TsuruAuth.User(context);
            var user = Find(TsuruAuth.World(context), caller.IsAdmin || caller.Email == email ? email : throw TsuruException.Forbidden());
            return TsuruQuota.Present(user.QuotaLimit, AppsOwnedBy(TsuruAuth.World(context), email));
        });
        TsuruRoutes.Map(routes, "PUT", "1.0", "/users/{email}/quota", SetQuotaAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/users/keys", KeysDisabled);
        TsuruRoutes.Map(routes, "POST", "1.0", "/users/keys", AddKeyAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/users/keys/{key}", KeysDisabled);
        TsuruRoutes.Map(routes, "GET", "1.0", "/auth/saml", () => Results.Text(Unsupported + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest));
        TsuruRoutes.Map(routes, "POST", "1.0", "/auth/saml", () => Results.Text(Unsupported + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest));
    }

    private static TsuruUser Find(World world, string email) => world.Find<TsuruUser>(email) ?? throw TsuruException.NotFound("user not found");

    private static int AppsOwnedBy(World world, string email) => world.Of<TsuruApp>().All.Count(app => app.Owner == email);

    private static string NewSecret(Transaction transaction) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(transaction.NewGuid())));

    /// <summary>A new session token of a user, as a login issues it (the admin API issues them without a password).</summary>
    public static TsuruToken OpenSession(Transaction transaction, string email) =>
        transaction.Put(new TsuruToken(NewSecret(transaction), email, transaction.Now + SessionLifetime));

    private static async Task<IResult> LoginAsync(HttpContext context, string? email)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        email ??= input.Value("email") ?? string.Empty;
        var password = input.Value("password") ?? throw TsuruException.BadRequest("you must provide a password to login");
        if (!EmailFormat().IsMatch(email))
        {
            throw TsuruException.BadRequest("invalid email");
        }

        var foundation = context.Foundation();
        var user = Find(foundation.World, email);
        if (user.Password != password)
        {
            throw new TsuruException(StatusCodes.Status401Unauthorized, "Authentication failed, wrong password.");
        }

        var token = foundation.Write(transaction => OpenSession(transaction, email));
        return TsuruJson.Sniffed(new { token = token.Guid });
    }

    private static IResult Logout(HttpContext context)
    {
        TsuruAuth.User(context);
        var token = context.Request.Headers.Authorization.ToString().Split(' ')[^1];
        context.Foundation().Write(transaction => transaction.Remove<TsuruToken>(token));
        return Results.Ok();
    }

    private static async Task<IResult> CreateUserAsync(HttpContext context)
    {
        var caller = TsuruAuth.OptionalUser(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var email = input.Value("email") ?? string.Empty;
        var password = input.Value("password") ?? string.Empty;
        if (caller?.IsAdmin != true)
        {
            throw new TsuruException(StatusCodes.Status401Unauthorized, "User registration is disabled for non-admin users.");
        }

        if (!EmailFormat().IsMatch(email))
        {
            throw TsuruException.BadRequest("invalid email");
        }

        ValidatePassword(password);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruUser>(email) is not null)
            {
                throw TsuruException.Conflict("this email is already registered");
            }

            var defaults = TsuruRolesApi.DefaultRoles(transaction.World, TsuruRolesApi.UserCreateEvent).Select(role => new TsuruRoleInstance(role, string.Empty));
            transaction.Put(new TsuruUser(email, password, false, []) { Roles = [.. defaults] });
            TsuruEvents.Record(transaction, "user.create", "user", email, caller);
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static void ValidatePassword(string password)
    {
        if (password.Length is < 6 or > 50)
        {
            throw TsuruException.BadRequest("password length should be least 6 characters and at most 50 characters");
        }
    }

    private static IResult ListUsers(HttpContext context)
    {
        var caller = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var query = context.Request.Query;
        var email = query["userEmail"].ToString();
        var role = query["role"].ToString();
        var contextValue = query["context"].ToString();
        var users = world.Of<TsuruUser>().All
            .Where(user => caller.IsAdmin || user.Email == caller.Email)
            .Where(user => email.Length == 0 || user.Email == email)
            .Where(user => role.Length == 0 || user.Roles.Any(instance => instance.Name == role && (contextValue.Length == 0 || instance.ContextValue == contextValue)))
            .ToList();
        if (users.Count == 0)
        {
            users = contextValue.Length > 0 ? throw TsuruException.NotFound("Wrong context being passed.") : [caller];
        }

        return TsuruJson.Json(users.Select(user => TsuruRolesApi.PresentUser(world, user)));
    }

    private static IResult RemoveUser(HttpContext context)
    {
        var caller = TsuruAuth.User(context);
        var email = context.Request.Query["user"].ToString() is { Length: > 0 } other ? other : caller.Email;
        if (!caller.IsAdmin && email != caller.Email)
        {
            throw TsuruException.Forbidden();
        }

        context.Foundation().Write(transaction =>
        {
            Find(transaction.World, email);
            transaction.Remove<TsuruUser>(email);
            foreach (var session in transaction.Of<TsuruToken>().All.Where(session => session.Email == email).ToList())
            {
                transaction.Remove<TsuruToken>(session.Guid);
            }

            TsuruEvents.Record(transaction, "user.delete", "user", email, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context)
    {
        var caller = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var old = input.Value("old") ?? string.Empty;
        var changed = input.Value("new") ?? string.Empty;
        if (old.Length == 0 || changed.Length == 0)
        {
            throw TsuruException.BadRequest("Both the old and the new passwords are required.");
        }

        if (changed != (input.Value("confirm") ?? string.Empty))
        {
            throw TsuruException.BadRequest("New password and password confirmation didn't match.");
        }

        if (old != caller.Password)
        {
            throw new TsuruException(StatusCodes.Status403Forbidden, "the given password didn't match the user's current password");
        }

        ValidatePassword(changed);
        context.Foundation().Write(transaction =>
        {
            transaction.Put(Find(transaction.World, caller.Email) with { Password = changed });
            TsuruEvents.Record(transaction, "user.update.password", "user", caller.Email, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> ResetPasswordAsync(string email, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var token = input.Value("token") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            var user = Find(transaction.World, email);
            if (token.Length == 0)
            {
                transaction.Put(new TsuruPasswordReset(NewSecret(transaction), email, transaction.Now, false));
            }
            else if (transaction.Find<TsuruPasswordReset>(token) is { Used: false } reset && reset.Email == email && reset.CreatedAt + ResetLifetime > transaction.Now)
            {
                transaction.Put(reset with { Used = true });
                transaction.Put(user with { Password = NewSecret(transaction)[..12] });
            }
            else
            {
                throw TsuruException.BadRequest("Invalid token");
            }

            TsuruEvents.Record(transaction, "user.update.reset", "user", email, user);
        });
        return Results.Ok();
    }

    private static IResult ApiKey(HttpContext context, bool regenerate)
    {
        var caller = TsuruAuth.User(context);
        var email = context.Request.Query["user"].ToString() is { Length: > 0 } other ? other : caller.Email;
        if (!caller.IsAdmin && email != caller.Email)
        {
            throw TsuruException.Forbidden();
        }

        var key = context.Foundation().Write(transaction =>
        {
            var user = Find(transaction.World, email);
            if (user.ApiKey is { } existing && !regenerate)
            {
                return existing;
            }

            var created = NewSecret(transaction);
            transaction.Put(user with { ApiKey = created });
            if (regenerate)
            {
                TsuruEvents.Record(transaction, "apikey.update", "user", email, caller);
            }

            return created;
        });
        return TsuruJson.Json(key);
    }

    private static async Task<IResult> SetQuotaAsync(string email, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        context.Foundation().Write(transaction =>
        {
            var user = Find(transaction.World, email);
            transaction.Put(user with { QuotaLimit = TsuruQuota.NewLimit(input, AppsOwnedBy(transaction.World, email)) });
            TsuruEvents.Record(transaction, "user.update.quota", "user", email, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> AddKeyAsync(HttpContext context)
    {
        TsuruAuth.User(context);
        if ((await TsuruInput.ReadAsync(context.Request)).Value("key") is not { Length: > 0 })
        {
            throw TsuruException.BadRequest("Missing key content");
        }

        return KeysDisabled(context);
    }

    private static IResult KeysDisabled(HttpContext context)
    {
        TsuruAuth.User(context);
        throw TsuruException.BadRequest("key management is disabled");
    }

    [GeneratedRegex(@"^([^@\s]+)@((?:[-a-z0-9]+\.)+[a-z]{2,})$")]
    private static partial Regex EmailFormat();
}
