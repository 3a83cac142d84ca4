using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CloudFoundry.Fake.Fixtures;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>
/// What a test suite pays before its first answer: build a <see cref="CloudFoundryFake"/>, start it, create a foundation
/// and make one authenticated request. Each launch is a new process, so every measurement is truly cold (JIT included).
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1, id: "ColdProcess")]
public class ColdStartBenchmarks
{
    [Benchmark(Description = "new CloudFoundryFake + first GET /v3/apps")]
    public Task<int> FirstRequest() => FixtureStart.FirstRequestAsync();
}

/// <summary>The same start in a process that already ran it once (a second fixture class of the same test run).</summary>
[ShortInProcess]
[MemoryDiagnoser]
public class WarmStartBenchmarks
{
    [Benchmark(Description = "new CloudFoundryFake + first GET /v3/apps (warm process)")]
    public Task<int> FirstRequest() => FixtureStart.FirstRequestAsync();
}

/// <summary>Builds a fixture, creates a foundation and makes the first request.</summary>
public static class FixtureStart
{
    public static async Task<int> FirstRequestAsync()
    {
        using var fake = new CloudFoundryFake();
        await fake.InitializeAsync();
        using var foundation = fake.CreateFoundation();
        return await Responses.ReadOkAsync(foundation.Api, "/v3/apps");
    }
}
