using BenchmarkDotNet.Attributes;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>Reads through the in-process HTTP pipeline (TestServer) of a foundation holding 10,000 apps.</summary>
[ShortInProcess]
[MemoryDiagnoser]
public class AppReadBenchmarks
{
    public const string ListPath = "/v3/apps?label_selector=tier=web&order_by=-name&per_page=50";

    private SeededFoundation seeded = null!;
    private string getPath = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        seeded = await SeededFoundation.StartAsync(apps: 10_000);
        getPath = $"/v3/apps/{seeded.FirstAppGuid}";
        await Responses.ReadOkAsync(seeded.Client.Api, getPath);
        await Responses.ReadOkAsync(seeded.Client.Api, ListPath);
    }

    [GlobalCleanup]
    public void Cleanup() => seeded.Dispose();

    [Benchmark(Description = "GET /v3/apps/{guid}")]
    public Task<int> GetOneApp() => Responses.ReadOkAsync(seeded.Client.Api, getPath);

    [Benchmark(Description = "GET /v3/apps label_selector+order_by, 50 of 10,000")]
    public Task<int> ListFiftyOfTenThousand() => Responses.ReadOkAsync(seeded.Client.Api, ListPath);
}
