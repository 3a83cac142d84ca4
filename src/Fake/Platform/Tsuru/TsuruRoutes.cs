using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.Hosting;

namespace CloudFoundry.Fake.Platform.Tsuru;

/// <summary>
/// Maps a Tsuru route at its bare path and at <c>/{version}/path</c> for the one version it is registered with,
/// adds the <c>Supported-Tsuru</c> headers and renders <see cref="TsuruException"/>s as plain text.
/// </summary>
public static partial class TsuruRoutes
{
    private static readonly string[] Roots =
    [
        "apps", "users", "teams", "pools", "plans", "platforms", "services", "events", "auth", "healthcheck", "info",
        "deploys", "tokens", "roles", "permissions", "constraints", "routers", "volumes", "webhooks", "metrics",
        "node", "nodes", "nodecontainers", "provisioner", "brokers", "clusters", "jobs", "swap", "docker", "iaas",
        "volumeplans", "debug", "logs",
    ];

    public static void Map(IEndpointRouteBuilder routes, string method, string version, string path, Delegate handler) =>
        Map(routes, method, [version], path, handler);

    /// <summary>Maps a route the server registers under several versions; the bare path is mapped once.</summary>
    public static void Map(IEndpointRouteBuilder routes, string method, string[] versions, string path, Delegate handler)
    {
        foreach (var pattern in versions.Select(version => $"/{version}{path}").Prepend(path))
        {
            MapPattern(routes, method, pattern, handler);
        }
    }

    /// <summary>Maps a route at its versioned path only (the bare path belongs to another platform).</summary>
    public static void MapVersioned(IEndpointRouteBuilder routes, string method, string version, string path, Delegate handler) =>
        MapPattern(routes, method, $"/{version}{path}", handler);

    private static void MapPattern(IEndpointRouteBuilder routes, string method, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, [method], handler).AddEndpointFilter(Render).DisableAntiforgery();

    /// <summary>Whether an unmatched path belongs to the Tsuru API (a version prefix or a Tsuru resource root).</summary>
    public static bool Owns(PathString path)
    {
        var first = (path.Value ?? string.Empty).TrimStart('/').Split('/')[0];
        return VersionSegment().IsMatch(first) || Roots.Contains(first, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Go's default 404 for routes the Tsuru router does not know.</summary>
    public static Task WriteNotFoundAsync(HttpContext context)
    {
        UnmatchedRequest.Mark(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("404 page not found\n");
    }

    private static async ValueTask<object?> Render(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var response = invocation.HttpContext.Response;
        response.Headers["Supported-Tsuru"] = "1.0.1";
        response.Headers["Supported-Crane"] = "1.0.0";
        response.Headers["Supported-Tsuru-Admin"] = "1.0.0";
        try
        {
            return await next(invocation);
        }
        catch (InvalidDataException exception)
        {
            return Error(response, TsuruException.BadRequest(exception.Message));
        }
        catch (TsuruException exception)
        {
            return Error(response, exception);
        }
    }

    private static IResult Error(HttpResponse response, TsuruException exception)
    {
        if (exception.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer realm=\"tsuru\" scope=\"tsuru\"";
        }

        response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.Text(exception.Message + "\n", "text/plain; charset=utf-8", statusCode: exception.Status);
    }

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex VersionSegment();
}
