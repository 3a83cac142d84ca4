using System.Security.Cryptography;
using System.Text;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Brokers;

namespace CloudFoundry.Fake.Admin;

/// <summary>
/// Guards <c>/_fake</c>: answers 404 for all of it when the admin API is disabled, and 401 to admin requests without
/// the configured key in <see cref="AdminOptions.KeyHeader"/>. The console's static files need no key (the page asks
/// for it), and the sample broker keeps its own basic auth.
/// </summary>
public sealed class AdminAccess(RequestDelegate next, FakeOptions options)
{
    private readonly byte[]? key = string.IsNullOrEmpty(options.Admin.Key) ? null : Encoding.UTF8.GetBytes(options.Admin.Key);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/_fake", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(SampleBrokerApi.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        if (!options.Admin.Enabled)
        {
            return Refuse(context, StatusCodes.Status404NotFound, "The admin API is disabled on this server.");
        }

        if (key is null || path.StartsWithSegments("/_fake/console", StringComparison.OrdinalIgnoreCase) || HasKey(context.Request))
        {
            return next(context);
        }

        return Refuse(context, StatusCodes.Status401Unauthorized, $"The admin API needs the admin key in the {AdminOptions.KeyHeader} header.");
    }

    private bool HasKey(HttpRequest request) =>
        request.Headers.TryGetValue(AdminOptions.KeyHeader, out var given)
        && given.Count == 1
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.ToString()), key);

    private static Task Refuse(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error });
    }
}
