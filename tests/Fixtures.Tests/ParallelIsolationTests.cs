using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

/// <summary>
/// Two test classes (so two xunit collections, run in parallel) share one fake and meet half-way when xunit runs them
/// at the same time: each has created an org in its own foundation before either looks, and neither sees the other's.
/// xunit runs as many collections at once as there are cores, so on a busy small machine the other class may not have
/// started: a test then waits a few seconds only, and still checks that it sees nothing but its own org.
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
        await Task.WhenAny(theirs.Task, Task.Delay(TimeSpan.FromSeconds(10)));

        var orgs = JsonNode.Parse(await foundation.Api.GetStringAsync("/v3/organizations?names=first-only,second-only,left,right"))!;
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

    public sealed class Together(SharedFake shared) : IClassFixture<SharedFake>
    {
        [Fact]
        public async Task Two_foundations_used_at_the_same_time_do_not_see_each_other()
        {
            var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var right = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var seen = await Task.WhenAll(
                CreateThenListAfterTheOtherAsync(shared.Fake, "left", left, right),
                CreateThenListAfterTheOtherAsync(shared.Fake, "right", right, left));

            Assert.Equal(["left"], seen[0]);
            Assert.Equal(["right"], seen[1]);
        }
    }
}
