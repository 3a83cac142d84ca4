using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>Applies the faults scripted for the request's foundation before the request reaches a route.</summary>
public sealed class FaultInjection(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var fault = context.Request.Path.StartsWithSegments("/_fake", StringComparison.OrdinalIgnoreCase)
            ? null
            : context.Foundation().Faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        switch (fault)
        {
            case null:
                await next(context);
                break;
            case { Kind: FaultKind.Latency }:
                await Task.Delay(fault.LatencyMs, context.RequestAborted);
                await next(context);
                break;
            case { Kind: FaultKind.Drop }:
                context.Abort();
                break;
            case { Kind: FaultKind.RateLimit }:
                var limited = CfException.FromCatalogue("RateLimitExceeded");
                await ErrorRendering.WriteAsync(context, new CfException(limited.Status, [.. limited.Errors])
                {
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                });
                break;
            default:
                await ErrorRendering.WriteAsync(context, new CfException(
                    fault.Status,
                    new CfError("Injected fault " + fault.Id, "UnknownError", 10001)));
                break;
        }
    }
}
