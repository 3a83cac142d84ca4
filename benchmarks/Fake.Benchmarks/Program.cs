using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/Fake.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly)
            .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
}
