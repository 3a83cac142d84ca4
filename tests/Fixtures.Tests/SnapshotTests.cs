using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

public sealed class SnapshotTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    [Fact]
    public async Task Creating_a_space_answers_the_same_document_every_run()
    {
        using var foundation = fake.CreateFoundation();
        var org = await foundation.Given.Org();

        using var response = await foundation.Api.PostAsJsonAsync("/v3/spaces", new
        {
            name = "snapshot",
            relationships = new { organization = new { data = new { guid = org.Guid } } },
        });

        await response.MatchCfSnapshotAsync();
    }

    [Fact]
    public async Task An_error_envelope_is_snapshotted_with_its_request_id_replaced()
    {
        using var foundation = fake.CreateFoundation();

        using var response = await foundation.Api.GetAsync("/v3/apps/not-there");

        var normalized = await CfSnapshot.NormalizeAsync(response);
        Assert.Equal("<request-id>", normalized["headers"]!["X-Vcap-Request-Id"]!.GetValue<string>());
        normalized.MatchCfSnapshot();
    }

    [Fact]
    public async Task Hosts_foundation_prefixes_timestamps_and_guids_are_replaced_on_request()
    {
        using var kestrel = CloudFoundryFake.WithKestrel();
        await kestrel.InitializeAsync();
        using var foundation = kestrel.CreateFoundation();
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new("bearer", foundation.TokenFor("admin"));

        using var response = await client.GetAsync(new Uri(kestrel.BaseAddress, $"/foundations/{foundation.Id}/v3/stacks?per_page=1"));
        var normalized = await CfSnapshot.NormalizeAsync(response, CfSnapshotOptions.RealFoundation);

        var body = normalized["body"]!;
        Assert.Equal("https://api.example.com/v3/stacks?page=1&per_page=1", body["pagination"]!["first"]!["href"]!.GetValue<string>());
        Assert.Equal("<timestamp>", body["resources"]![0]!["created_at"]!.GetValue<string>());
        Assert.Equal("<guid-1>", body["resources"]![0]!["guid"]!.GetValue<string>());
        Assert.Equal("https://api.example.com/v3/stacks/<guid-1>", body["resources"]![0]!["links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal(JsonValue.Create(200).ToJsonString(), normalized["status"]!.ToJsonString());
    }
}
