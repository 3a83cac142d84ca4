using CloudFoundry.Fake.Fixtures;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary>The fake on a loopback port, for runs whose HttpClient needs a handler of its own (recording).</summary>
public sealed class KestrelFake : IAsyncLifetime
{
    public CloudFoundryFake Fake { get; } = CloudFoundryFake.WithKestrel();

    /// <summary>A client of one foundation that sends through <paramref name="handler"/>.</summary>
    public HttpClient ClientOf(FakeFoundation foundation, HttpMessageHandler handler)
    {
        var http = new HttpClient(handler) { BaseAddress = Fake.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Fake-Foundation", foundation.Id);
        return http;
    }

    public Task InitializeAsync() => Fake.InitializeAsync();

    public Task DisposeAsync() => Fake.DisposeAsync();
}
