namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>Reads the bearer token of a UAA request.</summary>
public static class UaaCaller
{
    public static async Task<Caller?> ReadAsync(HttpContext context, TokenService tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = await tokens.ValidateAsync(header[7..].Trim(), Hosting.FoundationHttpContextExtensions.Foundation(context).Clock.Now);
        return token is null ? null : TokenService.ToCaller(token);
    }
}
