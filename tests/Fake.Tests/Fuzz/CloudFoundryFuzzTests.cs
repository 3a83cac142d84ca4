using Xunit.Abstractions;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>Cloud Foundry V3 and V2 operations under hostile requests (see <see cref="SpecFuzzing"/>).</summary>
public sealed class CloudFoundryFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Partitions() => SpecOperations.Partitions(document => document != SpecOperations.Tsuru);

    [Theory]
    [MemberData(nameof(Partitions))]
    public Task Hostile_requests_get_no_5xx_the_error_envelope_and_change_nothing_when_rejected(string document, string tag) =>
        SpecFuzzing.RunAsync(document, tag, output);
}
