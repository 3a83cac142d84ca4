using Xunit.Abstractions;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>Tsuru operations under hostile requests (see <see cref="SpecFuzzing"/>); the classes run in parallel.</summary>
public sealed class TsuruFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Partitions() => SpecOperations.Partitions(document => document == SpecOperations.Tsuru);

    [Theory]
    [MemberData(nameof(Partitions))]
    public Task Hostile_requests_get_no_5xx_plain_text_errors_and_change_nothing_when_rejected(string document, string tag) =>
        SpecFuzzing.RunAsync(document, tag, output);
}
