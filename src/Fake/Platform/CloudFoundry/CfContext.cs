using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>
/// Everything a Cloud Controller handler needs about its request: the foundation, the caller, URLs for
/// links, and warnings. Bound per request by minimal APIs. After the request's own write, <see cref="World"/> is the
/// world that write committed, so the answer shows that change even when another request changes the resource at once
/// (a process scaled while its app is deleted is answered as scaled, as Cloud Controller renders its own transaction).
/// </summary>
public sealed class CfContext(HttpContext http)
{
    private World? committed;

    public HttpContext Http { get; } = http;

    public Foundation Foundation => Http.Foundation();

    public World World => committed ?? Foundation.World;

    public CfUrls Urls { get; } = CfUrls.From(http.Request);

    /// <summary>The authenticated caller; 401 when the request carried no valid token.</summary>
    public Caller Caller => CfAuthentication.CallerOf(Http);

    public Access Access() => new(Caller, World);

    public Access Access(World world) => new(Caller, world);

    public T Write<T>(Func<Transaction, T> change)
    {
        Transaction? last = null;
        var result = Foundation.Write(transaction =>
        {
            last = transaction;
            return change(transaction);
        });
        committed = last!.World;
        return result;
    }

    public void Write(Action<Transaction> change) => Write(transaction =>
    {
        change(transaction);
        return true;
    });

    public void Warn(string warning) => CfHeaders.AddWarning(Http, warning);

    public static ValueTask<CfContext?> BindAsync(HttpContext context) => ValueTask.FromResult<CfContext?>(new CfContext(context));
}

/// <summary>Reads the bearer token of Cloud Controller requests and remembers the caller (or why there is none).</summary>
public sealed class CfAuthentication(RequestDelegate next, TokenService tokens)
{
    /// <summary>Cloud Controller's resource id: a token not issued for it is invalid here, however well signed.</summary>
    public const string Audience = "cloud_controller";

    private static readonly object CallerKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = await tokens.ValidateAsync(header[7..].Trim(), context.Foundation().Clock.Now);
            context.Items[CallerKey] = token is not null && token.Audiences.Contains(Audience, StringComparer.Ordinal) ? TokenService.ToCaller(token) : CfErrors.InvalidAuthToken();
        }
        else if (header.Length > 0)
        {
            context.Items[CallerKey] = CfErrors.InvalidAuthToken();
        }

        await next(context);
    }

    public static Caller CallerOf(HttpContext context) => context.Items.TryGetValue(CallerKey, out var value)
        ? value as Caller ?? throw (CfException)value!
        : throw CfErrors.NotAuthenticated();

    public static Caller? OptionalCallerOf(HttpContext context) =>
        context.Items.TryGetValue(CallerKey, out var value) ? value as Caller : null;
}
