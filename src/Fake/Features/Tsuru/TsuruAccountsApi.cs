using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru server info, health check and auth scheme; seeds the Tsuru side of every foundation.</summary>
public sealed class TsuruAccountsApi : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(TsuruSeed.Apply);

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/auth/scheme", () => TsuruJson.Json(new { name = "native", data = (object?)null }));
        TsuruRoutes.Map(routes, "GET", "1.0", "/info", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return TsuruJson.Json(new { version = "1.18.1" });
        });
        TsuruRoutes.Map(routes, "GET", "1.0", "/healthcheck", () => Results.Text("WORKING"));
    }

    /// <summary>Tsuru answers an empty list with 204 and no body.</summary>
    public static IResult List<T>(IEnumerable<T> items)
        where T : notnull
    {
        var list = items.ToList();
        return list.Count == 0 ? Results.NoContent() : TsuruJson.Json(list);
    }
}
