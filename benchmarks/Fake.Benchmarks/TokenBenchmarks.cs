using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>
/// The bearer token check: the RS256 validation alone, and the same cheap request (<c>GET /</c>, which needs no token)
/// with and without a token, whose difference is what the authentication middleware costs per request.
/// </summary>
[ShortInProcess]
[MemoryDiagnoser]
public class TokenBenchmarks : IDisposable
{
    private static readonly DateTimeOffset Now = VirtualClock.DefaultEpoch;
    private readonly TokenRequest request = new(
        "11111111-1111-4111-8111-111111111111", "admin", "uaa", "admin@example.com", "cf", "password",
        ["cloud_controller.admin", "openid"], "http://localhost/uaa/oauth/token");

    private readonly TokenService tokens = new(new FakeOptions());
    private string token = null!;
    private SeededFoundation seeded = null!;
    private AuthenticationHeaderValue bearer = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        token = tokens.Issue(request, Now);
        seeded = await SeededFoundation.StartAsync(apps: 0);
        bearer = new AuthenticationHeaderValue("bearer", seeded.Client.TokenFor("admin"));
    }

    [GlobalCleanup]
    public void Cleanup() => seeded.Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            tokens.Dispose();
        }
    }

    [Benchmark(Description = "TokenService.Issue (RS256 sign)")]
    public string Issue() => tokens.Issue(request, Now);

    [Benchmark(Description = "TokenService.ValidateAsync + ToCaller (token seen before)")]
    public async Task<Caller?> Validate() =>
        await tokens.ValidateAsync(token, Now) is { } jwt ? TokenService.ToCaller(jwt) : null;

    [Benchmark(Description = "TokenService.Issue + first ValidateAsync (RS256 sign and verify)")]
    public async Task<Caller?> IssueAndValidate() =>
        await tokens.ValidateAsync(tokens.Issue(request, Now), Now) is { } jwt ? TokenService.ToCaller(jwt) : null;

    [Benchmark(Baseline = true, Description = "GET / without a token")]
    public Task<int> RootAnonymous() => Responses.ReadAsync(seeded.Client.Anonymous, new HttpRequestMessage(HttpMethod.Get, "/"), HttpStatusCode.OK);

    [Benchmark(Description = "GET / with a bearer token")]
    public Task<int> RootWithToken()
    {
        var message = new HttpRequestMessage(HttpMethod.Get, "/");
        message.Headers.Authorization = bearer;
        return Responses.ReadAsync(seeded.Client.Anonymous, message, HttpStatusCode.OK);
    }
}
