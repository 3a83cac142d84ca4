using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>Fork, snapshot and restore of a foundation holding 10,000 apps, through the engine and through the admin API.</summary>
[ShortInProcess]
[MemoryDiagnoser]
public class ForkSnapshotBenchmarks
{
    private SeededFoundation seeded = null!;
    private string snapshot = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        seeded = await SeededFoundation.StartAsync(apps: 10_000);
        snapshot = seeded.Engine.Snapshot("bench");
    }

    [GlobalCleanup]
    public void Cleanup() => seeded.Dispose();

    [Benchmark(Description = "engine Fork + Remove")]
    public bool ForkInEngine()
    {
        var fork = seeded.Fake.Foundations.Fork(seeded.Engine);
        return seeded.Fake.Foundations.Remove(fork.Id);
    }

    [Benchmark(Description = "engine Snapshot")]
    public string SnapshotInEngine() => seeded.Engine.Snapshot("bench");

    [Benchmark(Description = "engine Restore")]
    public void RestoreInEngine() => seeded.Engine.Restore(seeded.Engine.Snapshots[snapshot]);

    [Benchmark(Description = "admin API POST fork + DELETE")]
    public async Task<int> ForkThroughAdminApi()
    {
        var client = seeded.Client.Anonymous;
        using var response = await client.PostAsync($"/_fake/foundations/{seeded.Client.Id}/fork", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"fork answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var id = document.RootElement.GetProperty("id").GetString();
        return await Responses.ReadAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/_fake/foundations/{id}"), HttpStatusCode.NoContent);
    }

    [Benchmark(Description = "admin API POST snapshot")]
    public Task<int> SnapshotThroughAdminApi()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/_fake/foundations/{seeded.Client.Id}/snapshots")
        {
            Content = new StringContent("""{"name":"bench"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        return Responses.ReadAsync(seeded.Client.Anonymous, request, HttpStatusCode.Created);
    }
}
