using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>
/// Picks the foundation a request talks to: a <c>/foundations/{id}</c> path prefix (which becomes the path
/// base, so every absolute link the fake writes keeps it), the <c>X-Fake-Foundation</c> header, or the default.
/// The admin API's <c>/_fake/foundations/current</c> is that foundation, so a client that only knows its header (or
/// prefix) can administer the foundation it talks to.
/// </summary>
public sealed class FoundationRouting(RequestDelegate next, Foundations foundations)
{
    public const string Header = "X-Fake-Foundation";
    private const string Prefix = "/foundations/";
    private const string CurrentAdmin = "/_fake/foundations/" + Foundations.CurrentId;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = Foundations.DefaultId;
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', Prefix.Length);
            id = end < 0 ? path[Prefix.Length..] : path[Prefix.Length..end];
            context.Request.PathBase = context.Request.PathBase.Add(Prefix + id);
            context.Request.Path = end < 0 ? "/" : path[end..];
        }
        else if (context.Request.Headers.TryGetValue(Header, out var header) && !string.IsNullOrEmpty(header))
        {
            id = header.ToString();
        }

        var foundation = foundations.Find(id);
        if (foundation is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"No foundation named '{id}'." });
            return;
        }

        var rest = context.Request.Path.Value ?? "/";
        if (rest.StartsWith(CurrentAdmin, StringComparison.Ordinal) && (rest.Length == CurrentAdmin.Length || rest[CurrentAdmin.Length] == '/'))
        {
            context.Request.Path = "/_fake/foundations/" + foundation.Id + rest[CurrentAdmin.Length..];
        }

        context.SetFoundation(foundation);
        await next(context);
    }
}

public static class FoundationHttpContextExtensions
{
    public static Foundation Foundation(this HttpContext context) =>
        context.Items[typeof(Foundation)] as Foundation
        ?? throw new InvalidOperationException("No foundation selected for this request.");

    public static void SetFoundation(this HttpContext context, Foundation foundation) =>
        context.Items[typeof(Foundation)] = foundation;
}
