namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>Runs the rest of the pipeline with the response body buffered, hands the bytes over, then sends them on.</summary>
public static class ResponseCapture
{
    public static async Task RunAsync(HttpContext context, RequestDelegate next, Action<byte[]> captured)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original);
            captured(buffer.ToArray());
        }
    }
}
