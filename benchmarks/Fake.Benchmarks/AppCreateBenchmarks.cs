using System.Net;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>
/// <c>POST /v3/apps</c> into a space of a foundation already holding <see cref="ExistingApps"/> apps. Every iteration
/// starts from the same world (restored in O(1)), so the foundation does not grow across iterations.
/// </summary>
[ShortInProcess]
[MemoryDiagnoser]
[InvocationCount(64)]
public class AppCreateBenchmarks
{
    private SeededFoundation seeded = null!;
    private World start = null!;
    private int counter;

    [Params(0, 10_000)]
    public int ExistingApps { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        seeded = await SeededFoundation.StartAsync(ExistingApps);
        start = seeded.Engine.World;
    }

    [IterationSetup]
    public void RestoreStart() => seeded.Engine.Restore(start);

    [GlobalCleanup]
    public void Cleanup() => seeded.Dispose();

    [Benchmark(Description = "POST /v3/apps")]
    public Task<int> CreateApp()
    {
        var name = $"created-{Interlocked.Increment(ref counter)}";
        var body = new { name, relationships = new { space = new { data = new { guid = seeded.SpaceGuid } } } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/v3/apps") { Content = JsonContent.Create(body) };
        return Responses.ReadAsync(seeded.Client.Api, request, HttpStatusCode.Created);
    }
}
