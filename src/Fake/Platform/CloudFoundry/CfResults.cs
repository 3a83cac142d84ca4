using System.Text.Json;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>Cloud Controller responses: JSON in its conventions, 202 jobs with a Location, empty 204s.</summary>
public static class CfResults
{
    public static IResult Ok(object body) => Results.Json(body, CfJson.Options);

    /// <summary>One resource plus an <c>included</c> map when the client asked for <c>?include=</c>.</summary>
    public static IResult Ok(object body, IReadOnlyDictionary<string, IReadOnlyList<object>>? included)
    {
        if (included is null)
        {
            return Ok(body);
        }

        var node = JsonSerializer.SerializeToNode(body, body.GetType(), CfJson.Options)!.AsObject();
        node["included"] = JsonSerializer.SerializeToNode(included, CfJson.Options);
        return Results.Json(node, CfJson.Options);
    }

    public static IResult Created(object body) => Results.Json(body, CfJson.Options, statusCode: StatusCodes.Status201Created);

    public static IResult Accepted(object body) => Results.Json(body, CfJson.Options, statusCode: StatusCodes.Status202Accepted);

    /// <summary>202 with an empty body and <c>Location</c> pointing at the job that finishes the work.</summary>
    public static IResult Job(CfUrls urls, string jobGuid) => new JobAccepted(urls.Url("/v3/jobs/" + jobGuid), null);

    /// <summary>202 with the resource in the body and <c>Location</c> pointing at the job (uploads).</summary>
    public static IResult Job(CfUrls urls, string jobGuid, object body) => new JobAccepted(urls.Url("/v3/jobs/" + jobGuid), body);

    public static IResult NoContent() => Results.NoContent();

    private sealed class JobAccepted(string location, object? body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
            httpContext.Response.Headers.Location = location;
            if (body is not null)
            {
                await httpContext.Response.WriteAsJsonAsync(body, body.GetType(), CfJson.Options);
            }
        }
    }
}
