using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>
/// BenchmarkDotNet's short job (3 warmups, 3 iterations) run inside the host process: no generated project to build
/// per run, which on a small shared machine takes longer than the measurements.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortInProcessAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"));
}
