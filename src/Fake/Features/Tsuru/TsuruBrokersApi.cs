using System.Collections.Immutable;
using System.Globalization;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Tsuru service brokers (<c>/1.7/brokers</c>): list, add, update and delete, admin only. Only the registration is
/// stored; the fake never calls a broker. Input is the server's <c>Broker</c> struct (<c>Name</c>, <c>URL</c>,
/// <c>Config.AuthConfig.BasicAuthConfig.Username</c>, ...) as JSON or dotted form fields.
/// </summary>
public sealed class TsuruBrokersApi : IFeatureModule
{
    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.7", "/brokers", (HttpContext context) =>
        {
            Admin(context);
            var brokers = TsuruAuth.World(context).Of<TsuruBroker>().All.Select(Present).ToList();
            return brokers.Count == 0 ? Results.NoContent() : TsuruJson.Sniffed(new { brokers });
        });
        TsuruRoutes.Map(routes, "POST", "1.7", "/brokers", AddAsync);
        TsuruRoutes.Map(routes, "PUT", "1.7", "/brokers/{broker}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.7", "/brokers/{broker}", (string broker, HttpContext context) =>
        {
            Admin(context);
            context.Foundation().Write(transaction =>
            {
                if (transaction.Find<TsuruBroker>(broker) is null)
                {
                    throw TsuruException.NotFound("service broker not found");
                }

                transaction.Remove<TsuruBroker>(broker);
            });
            return Results.Ok();
        });
    }

    private static void Admin(HttpContext context)
    {
        if (!TsuruAuth.User(context).IsAdmin)
        {
            throw TsuruException.Forbidden();
        }
    }

    private static async Task<IResult> AddAsync(HttpContext context)
    {
        Admin(context);
        var broker = Read(await TsuruInput.ReadAsync(context.Request));
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruBroker>(broker.Name) is not null)
            {
                throw TsuruException.Conflict("Broker already exists.");
            }

            transaction.Put(broker);
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string broker, HttpContext context)
    {
        Admin(context);
        var updated = Read(await TsuruInput.ReadAsync(context.Request));
        context.Foundation().Write(transaction =>
        {
            var current = transaction.Find<TsuruBroker>(broker) ?? throw TsuruException.NotFound("service broker not found");
            var cache = updated.CacheExpirationSeconds switch
            {
                0 => current.CacheExpirationSeconds,
                < 0 => 0,
                var seconds => seconds,
            };
            transaction.Remove<TsuruBroker>(broker);
            transaction.Put(updated with { Guid = updated.Name.Length > 0 ? updated.Name : broker, CacheExpirationSeconds = cache });
        });
        return Results.Ok();
    }

    private static TsuruBroker Read(TsuruInput input)
    {
        var cache = input.Value("Config.CacheExpirationSeconds") ?? "0";
        if (!int.TryParse(cache, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw TsuruException.BadRequest($"unable to parse broker: invalid CacheExpirationSeconds \"{cache}\"");
        }

        var username = input.Value("Config.AuthConfig.BasicAuthConfig.Username");
        var password = input.Value("Config.AuthConfig.BasicAuthConfig.Password");
        var token = input.Value("Config.AuthConfig.BearerConfig.Token");
        var auth = username is null && password is null && token is null ? null : new TsuruBrokerAuth(username, password, token);
        return new TsuruBroker(
            input.Value("Name") ?? string.Empty,
            input.Value("URL") ?? string.Empty,
            input.Flag("Config.Insecure"),
            auth,
            input.Map("Config.Context").ToImmutableSortedDictionary(StringComparer.Ordinal),
            seconds);
    }

    private static Dictionary<string, object?> Present(TsuruBroker broker) => new()
    {
        ["Name"] = broker.Name,
        ["URL"] = broker.Url,
        ["Config"] = new Dictionary<string, object?>
        {
            ["AuthConfig"] = broker.Auth is null ? null : new Dictionary<string, object?>
            {
                ["BasicAuthConfig"] = broker.Auth.Username is null && broker.Auth.Password is null
                    ? null
                    : new { Username = broker.Auth.Username ?? string.Empty, Password = broker.Auth.Password ?? string.Empty },
                ["BearerConfig"] = broker.Auth.Token is null ? null : new { Token = broker.Auth.Token },
            },
            ["Insecure"] = broker.Insecure,
            ["Context"] = broker.Context.Count == 0 ? null : broker.Context,
            ["CacheExpirationSeconds"] = broker.CacheExpirationSeconds,
        },
    };
}
