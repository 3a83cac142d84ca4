using BenchmarkDotNet.Attributes;
using CloudFoundry.Fake.Features.Apps;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>
/// Seeding 10,000 apps into a fresh fork of a foundation that holds one space: the fixture's <c>Seed.Apps</c> (names
/// checked once for the whole batch) against 10,000 <c>AppsApi.CreateApp</c> calls in one transaction (each checks its
/// name against every app of the space), which is how apps were bulk-seeded before.
/// </summary>
[ShortInProcess]
[MemoryDiagnoser]
public class BulkSeedBenchmarks
{
    private const int Apps = 10_000;

    private SeededFoundation seeded = null!;

    [GlobalSetup]
    public async Task SetupAsync() => seeded = await SeededFoundation.StartAsync(apps: 0);

    [GlobalCleanup]
    public void Cleanup() => seeded.Dispose();

    [Benchmark(Baseline = true, Description = "Seed.Apps(10,000) into a fork")]
    public int SeedApps()
    {
        using var fork = seeded.Client.Fork();
        return fork.Seed.Apps(Apps, seeded.SpaceGuid).Count;
    }

    [Benchmark(Description = "10,000 x AppsApi.CreateApp in one transaction, into a fork")]
    public int CreateAppOneByOne()
    {
        var fork = seeded.Fake.Foundations.Fork(seeded.Engine);
        var created = fork.Write(transaction => Enumerable.Range(1, Apps)
            .Select(index => AppsApi.CreateApp(transaction, $"app-{index:D5}", seeded.SpaceGuid, null, null, null))
            .Count());
        seeded.Fake.Foundations.Remove(fork.Id);
        return created;
    }
}
