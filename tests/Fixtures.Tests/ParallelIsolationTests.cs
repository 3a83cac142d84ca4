using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

/// <summary>
/// Two test classes (so two xunit collections, run in parallel) share one fake and meet half-way: each has created an
/// org in its own foundation before either looks, and neither sees the other's.
/// </summary>
public static class ParallelIsolationTests
{
    private static readonly TaskCompletionSource FirstCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TaskCompletionSource SecondCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task<IReadOnlyList<string>> CreateThenListAfterTheOtherAsync(CloudFoundryFake fake, string name, TaskCompletionSource mine, TaskCompletionSource theirs)
    {
        using var foundation = fake.CreateFoundation();
        (await foundation.Api.PostAsJsonAsync("/v3/organizations", new { name })).EnsureSuccessStatusCode();
        mine.SetResult();
        await theirs.Task.WaitAsync(TimeSpan.FromMinutes(2));

        var orgs = JsonNode.Parse(await foundation.Api.GetStringAsync("/v3/organizations?names=first-only,second-only"))!;
        return [.. orgs["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>())];
    }

    /// <summary>One fake for both classes: the first to start creates it, the last to finish disposes it.</summary>
    public sealed class SharedFake : IAsyncLifetime
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static CloudFoundryFake? shared;
        private static int users;
        private CloudFoundryFake? fake;

        public CloudFoundryFake Fake => fake ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            await Gate.WaitAsync();
            try
            {
                if (users++ == 0)
                {
                    shared = new CloudFoundryFake();
                    await shared.InitializeAsync();
                }

                fake = shared;
            }
            finally
            {
                Gate.Release();
            }
        }

        public async Task DisposeAsync()
        {
            await Gate.WaitAsync();
            try
            {
                if (--users == 0)
                {
                    await shared!.DisposeAsync();
                }
            }
            finally
            {
                Gate.Release();
            }
        }
    }

    public sealed class First(SharedFake shared) : IClassFixture<SharedFake>
    {
        [Fact]
        public async Task Sees_only_its_own_org_while_the_other_test_runs() =>
            Assert.Equal(["first-only"], await CreateThenListAfterTheOtherAsync(shared.Fake, "first-only", FirstCreated, SecondCreated));
    }

    public sealed class Second(SharedFake shared) : IClassFixture<SharedFake>
    {
        [Fact]
        public async Task Sees_only_its_own_org_while_the_other_test_runs() =>
            Assert.Equal(["second-only"], await CreateThenListAfterTheOtherAsync(shared.Fake, "second-only", SecondCreated, FirstCreated));
    }
}
