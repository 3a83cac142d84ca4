using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>
/// Turns Cloud Controller exceptions into their wire envelopes. Anything else is a bug in the fake and
/// answers Cloud Controller's own 500 <c>UnknownError</c> (and is logged).
/// </summary>
public sealed class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (CfException exception)
        {
            await ErrorRendering.WriteAsync(context, exception);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorRendering.WriteAsync(context, CfException.FromCatalogue("MessageParseError", "Request entity too large"));
        }
        catch (InvalidDataException)
        {
            await ErrorRendering.WriteAsync(context, CfErrors.MessageParse());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // The last line of defence must catch everything to answer in the CF envelope.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await ErrorRendering.WriteAsync(context, new CfException(500, new CfError("An unknown error occurred.", "UnknownError", 10001)));
        }
    }
}
