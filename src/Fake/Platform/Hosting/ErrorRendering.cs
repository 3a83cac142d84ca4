using System.Text.Json;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>Writes Cloud Controller errors in the envelope of the API the request was made to (V3 or V2).</summary>
public static class ErrorRendering
{
    public static async Task WriteAsync(HttpContext context, CfException exception)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = exception.Status;
        foreach (var (name, value) in exception.Headers)
        {
            context.Response.Headers[name] = value;
        }

        CfHeaders.AddRequestId(context);
        object body = context.Request.Path.StartsWithSegments("/v2", StringComparison.OrdinalIgnoreCase)
            ? new V2Error(exception.Errors[0].Detail, exception.Errors[0].Title, exception.Errors[0].Code)
            : new { errors = exception.Errors };
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), CfJson.Options, context.RequestAborted);
    }

    private sealed record V2Error(string Description, string ErrorCode, int Code);
}
