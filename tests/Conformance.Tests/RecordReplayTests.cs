using CloudFoundry.Fake.Conformance.Compare;
using CloudFoundry.Fake.Conformance.Recording;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary><c>--record</c> and <c>--replay</c>: a run saved as WireMock.Net mappings and served again offline.</summary>
public sealed class RecordReplayTests(KestrelFake kestrel, ITestOutputHelper output) : IClassFixture<KestrelFake>, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cfc-recording-" + Guid.NewGuid().ToString("N"));

    private static async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<Exchange> Exchanges)> RunAsync(HttpClient http, string only)
    {
        var token = await TargetLogin.PasswordAsync(http, "admin", "admin");
        var client = new TargetClient(http, token, TimeSpan.Zero);
        var exchanges = new List<Exchange>();
        client.Exchanged += exchanges.Add;
        var results = await new ConformanceRun(CommandLine.Parse(["--target", http.BaseAddress!.ToString(), "--only", only])!).RunAsync(client);
        return (results, exchanges);
    }

    private async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<Exchange> Exchanges)> RecordAsync(string only)
    {
        using var foundation = kestrel.Fake.CreateFoundation();
        using var recorder = new RecordingHandler(new HttpClientHandler());
        using var http = kestrel.ClientOf(foundation, recorder);
        var run = await RunAsync(http, only);
        await recorder.SaveAsync(directory);
        return run;
    }

    [Theory]
    [InlineData("foundation")]
    [InlineData("apps")]
    [InlineData("service_credential_bindings")]
    public async Task A_replayed_recording_answers_like_the_fake(string only)
    {
        await RecordAsync(only);
        using var replay = ReplayServer.Start(directory);
        using var replayHttp = new HttpClient { BaseAddress = replay.Url };
        var replayed = await RunAsync(replayHttp, only);
        using var foundation = kestrel.Fake.CreateFoundation();
        using var fakeHttp = kestrel.ClientOf(foundation, new HttpClientHandler());
        var live = await RunAsync(fakeHttp, only);

        var differences = TargetComparison.BuiltIn().Compare(kestrel.Fake.BaseAddress, live.Exchanges, replay.Url, replayed.Exchanges);

        foreach (var unmatched in replay.Unmatched())
        {
            output.WriteLine("unmatched: " + unmatched);
        }

        Assert.Empty(replay.Unmatched());
        Assert.All(replayed.Results, result => Assert.True(result.Passed, $"{result.Step}: {result.Rule} {result.Pointer}: {result.Message}"));
        Assert.True(differences.Count > 5, $"only {differences.Count} exchanges compared");
        Assert.All(differences, difference => Assert.True(difference.Passed, $"{difference.Step} {difference.Pointer}: {difference.Message}"));
    }

    [Fact]
    public async Task A_recording_is_one_wiremock_mapping_per_exchange_without_tokens()
    {
        await RecordAsync("foundation");

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var login = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(files.Single(file => file.EndsWith("-post-uaa-oauth-token.json", StringComparison.Ordinal))))!;
        var token = System.Text.Json.Nodes.JsonNode.Parse(login["Response"]!["Body"]!.GetValue<string>())!;

        Assert.Equal(("scrubbed", "scrubbed"), (token["access_token"]!.GetValue<string>(), token["refresh_token"]!.GetValue<string>()));
        Assert.EndsWith("00001-get.json", files[0], StringComparison.Ordinal);
        Assert.All(files, file => Assert.DoesNotContain("eyJ", File.ReadAllText(file), StringComparison.Ordinal));
        Assert.Contains(files, file => File.ReadAllText(file).Contains("{{request.Origin}}/v3", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
