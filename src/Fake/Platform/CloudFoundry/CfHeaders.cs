using System.Net;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>Headers Cloud Controller puts on responses: the request id and URL-escaped warnings.</summary>
public static class CfHeaders
{
    public const string RequestId = "X-VCAP-Request-ID";
    public const string Warnings = "X-Cf-Warnings";

    public static void AddRequestId(HttpContext context)
    {
        if (context.Response.Headers.ContainsKey(RequestId))
        {
            return;
        }

        var incoming = context.Request.Headers[RequestId].ToString();
        context.Response.Headers[RequestId] = string.IsNullOrEmpty(incoming)
            ? context.TraceIdentifier
            : incoming + "::" + context.TraceIdentifier;
    }

    public static void AddWarning(HttpContext context, string warning) =>
        context.Response.Headers.Append(Warnings, WebUtility.UrlEncode(warning));
}
