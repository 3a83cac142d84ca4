namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>
/// The HTTP clients webhook calls go through: the server's client with a 60-second limit, and its variant that skips TLS
/// verification for insecure hooks. A hook's proxy URL is stored but not used.
/// </summary>
public static class TsuruWebhookClients
{
    public const string Verified = "tsuru-webhooks";
    public const string Insecure = "tsuru-webhooks-insecure";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string For(TsuruWebhook hook) => hook.Insecure ? Insecure : Verified;

    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(Verified, client => client.Timeout = Timeout);
#pragma warning disable CA5359 // The hook's owner asked to skip certificate validation (Tsuru's insecure flag).
        services.AddHttpClient(Insecure, client => client.Timeout = Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
#pragma warning restore CA5359
    }
}
