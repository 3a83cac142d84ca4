using CloudFoundry.Fake.Engine;

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
                context.Response.Headers.RetryAfter = "1";
                await ErrorRendering.WriteAsync(context, Platform.CloudFoundry.Errors.CfException.FromCatalogue("RateLimitExceeded"));
                break;
            default:
                await ErrorRendering.WriteAsync(context, new Platform.CloudFoundry.Errors.CfException(
                    fault.Status,
                    new Platform.CloudFoundry.Errors.CfError("Injected fault " + fault.Id, "UnknownError", 10001)));
                break;
        }
    }
}
