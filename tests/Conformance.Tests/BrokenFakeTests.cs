using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Compare;
using CloudFoundry.Fake.Conformance.Derived;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary>
/// A deliberately broken fake (its answers about stacks carry <c>nmae</c> instead of <c>name</c>) is caught by the
/// derived suite's schema rule and by <c>--compare</c> against a healthy one. Wrong statuses: see
/// <see cref="SpecSuiteAgainstFakeTests.A_broken_fake_is_caught_by_the_derived_suite"/>.
/// </summary>
public sealed class BrokenFakeTests(KestrelFake kestrel) : IClassFixture<KestrelFake>
{
    private async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<Exchange> Exchanges)> RunStacksAsync(HttpMessageHandler handler)
    {
        using var foundation = kestrel.Fake.CreateFoundation();
        using var http = kestrel.ClientOf(foundation, handler);
        var client = new TargetClient(http, await TargetLogin.PasswordAsync(http, "admin", "admin"), TimeSpan.Zero);
        var exchanges = new List<Exchange>();
        client.Exchanged += exchanges.Add;
        return (await SpecSuite.BuiltIn(client, "cloudfoundry-v3").RunAsync(only: "stacks"), exchanges);
    }

    [Fact]
    public async Task A_renamed_field_fails_the_schema_rule_where_it_is_missing()
    {
        var (results, _) = await RunStacksAsync(new FieldRenamingHandler("/v3/stacks", "name", "nmae"));

        var failure = Assert.Single(results, result => !result.Passed && result.Step == "getStack");
        Assert.Equal("schema", failure.Rule);
        Assert.Contains("name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"nmae\"", failure.Exchange, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_field_is_a_difference_between_the_broken_and_a_healthy_fake()
    {
        var healthy = await RunStacksAsync(new HttpClientHandler());
        var broken = await RunStacksAsync(new FieldRenamingHandler("/v3/stacks", "name", "nmae"));

        var differences = TargetComparison.BuiltIn().Compare(kestrel.Fake.BaseAddress, healthy.Exchanges, kestrel.Fake.BaseAddress, broken.Exchanges)
            .Where(result => !result.Passed).ToList();

        Assert.Contains(differences, difference => difference.Step.Contains("GET /v3/stacks/guid-", StringComparison.Ordinal) && difference.Pointer == "/body/name" && difference.Message == "only in the first target");
        Assert.Contains(differences, difference => difference.Pointer == "/body/nmae" && difference.Message == "only in the second target");
    }

    /// <summary>The breakage: every JSON answer under a path has one property renamed.</summary>
    private sealed class FieldRenamingHandler(string path, string from, string to) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.StartsWith(path, StringComparison.Ordinal) && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                Rename(body);
                response.Content = new StringContent(body!.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            }

            return response;
        }

        private void Rename(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject json:
                    if (json.Remove(from, out var value))
                    {
                        json[to] = value;
                    }

                    foreach (var child in json.Select(pair => pair.Value).ToList())
                    {
                        Rename(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Rename(item);
                    }

                    break;
            }
        }
    }
}
