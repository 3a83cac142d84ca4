using System.Net;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

public sealed class KestrelModeTests : IAsyncLifetime
{
    private readonly CloudFoundryFake fake = CloudFoundryFake.WithKestrel();

    public Task InitializeAsync() => fake.InitializeAsync();

    public Task DisposeAsync() => fake.DisposeAsync();

    [Fact]
    public async Task The_fake_answers_over_real_tcp_on_a_loopback_port()
    {
        using var foundation = fake.CreateFoundation();
        Assert.NotEqual(80, fake.BaseAddress.Port);
        using var client = new HttpClient { BaseAddress = fake.BaseAddress };

        var root = JsonNode.Parse(await client.GetStringAsync($"/foundations/{foundation.Id}/"))!;

        Assert.StartsWith(fake.BaseAddress.ToString().TrimEnd('/'), root["links"]!["uaa"]!["href"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await foundation.Api.GetAsync("/v3/organizations")).StatusCode);
    }
}
