using System.Globalization;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary>429 answers are retried after the reset the target announces (a WireMock.Net target that rate-limits).</summary>
public sealed class RateLimitTests : IDisposable
{
    private const string Limited = "limited";
    private readonly WireMockServer server = WireMockServer.Start();

    private void RateLimitOnce(params (string Name, string Value)[] headers)
    {
        var limited = Response.Create().WithStatusCode(429).WithBody("""{"errors":[{"code":10013,"title":"CF-RateLimitExceeded","detail":"Rate Limit Exceeded"}]}""");
        foreach (var (name, value) in headers)
        {
            limited = limited.WithHeader(name, value);
        }

        server.Given(Request.Create().WithPath("/v3/stacks").UsingGet()).InScenario(Limited).WillSetStateTo("served").RespondWith(limited);
        server.Given(Request.Create().WithPath("/v3/stacks").UsingGet()).InScenario(Limited).WhenStateIs("served")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"resources":[]}"""));
    }

    private async Task<Exchange> ListStacksAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url!) };
        return await new TargetClient(http, "token", TimeSpan.Zero).SendAsync("GET", "/v3/stacks");
    }

    public static TheoryData<string, string> Resets() => new()
    {
        { "X-RateLimit-Reset", DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
        { "Retry-After", "0" },
        { "Retry-After", DateTimeOffset.UtcNow.AddMinutes(-1).ToString("R", CultureInfo.InvariantCulture) },
    };

    [Theory]
    [MemberData(nameof(Resets))]
    public async Task A_rate_limited_request_is_sent_again_after_the_announced_reset(string header, string value)
    {
        RateLimitOnce((header, value), ("X-RateLimit-Limit", "10000"), ("X-RateLimit-Remaining", "0"));

        var exchange = await ListStacksAsync();

        Assert.Equal((200, """{"resources":[]}"""), (exchange.Status, exchange.Text));
        Assert.Equal([429, 200], server.LogEntries.Select(entry => entry.ResponseMessage.StatusCode).Cast<int>());
    }

    [Fact]
    public async Task A_target_that_keeps_rate_limiting_gets_the_429_reported_after_three_retries()
    {
        server.Given(Request.Create().WithPath("/v3/stacks").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));

        var exchange = await ListStacksAsync();

        Assert.Equal(429, exchange.Status);
        Assert.Equal(4, server.LogEntries.Count);
    }

    public void Dispose() => server.Dispose();
}
