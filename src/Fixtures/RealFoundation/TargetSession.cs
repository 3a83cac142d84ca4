using System.Net;
using System.Net.Http.Headers;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// The connection to a real foundation: one transport (optionally accepting any certificate), the target's login, and
/// clients that carry a token and log in again once when the target answers 401.
/// </summary>
internal sealed class TargetSession : IDisposable
{
    private readonly HttpMessageHandler transport;
    private readonly HttpClient anonymous;

    public TargetSession(CloudFoundryTarget target)
    {
        Target = target;
        transport = target.SkipSslValidation
            ? new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }
            : new HttpClientHandler();
        anonymous = Client(null);
        Login = new UaaLogin(anonymous);
    }

    public CloudFoundryTarget Target { get; }

    public UaaLogin Login { get; }

    /// <summary>Finds UAA and logs in once, so bad settings fail when the fixture starts.</summary>
    public Task ConnectAsync() => AdminTokenAsync();

    /// <summary>A token of the target's user or client.</summary>
    public Task<string> AdminTokenAsync() =>
        Target.Username is { } username
            ? Login.PasswordTokenAsync(username, Target.Password ?? string.Empty)
            : Login.ClientTokenAsync(Target.ClientId!, Target.ClientSecret ?? string.Empty);

    /// <summary>A client of the API whose requests carry the token <paramref name="token"/> gives (anonymous without one).</summary>
    public HttpClient Client(Func<Task<string>>? token) =>
        new(token is null ? transport : new BearerToken(transport, token), disposeHandler: false)
        {
            BaseAddress = new Uri(Target.Api.AbsoluteUri.TrimEnd('/') + "/"),
        };

    public void Dispose()
    {
        anonymous.Dispose();
        transport.Dispose();
    }

    private sealed class BearerToken(HttpMessageHandler transport, Func<Task<string>> token) : DelegatingHandler(transport)
    {
        private Task<string>? current;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var used = current ??= token();
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", await used);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is StreamContent)
            {
                return response;
            }

            response.Dispose();
            _ = Interlocked.CompareExchange(ref current, null, used);
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", await (current ??= token()));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
