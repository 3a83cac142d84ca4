using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Persistence;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Persistence;

/// <summary>The standalone process killed with SIGKILL while it writes: the state file stays whole and keeps every save.</summary>
public sealed class StateFileCrashTests
{
    [Fact]
    public async Task A_server_killed_during_writes_restarts_with_everything_its_last_save_held()
    {
        using var server = new StateFileServer();
        List<string> savedBeforeKill;
        using (var fake = await FakeProcess.StartAsync("--state-file", server.StateFile))
        {
            using var client = await AdminClientAsync(fake);
            var crashOrg = await CreateAsync(client, "/v3/organizations", new { name = "crash-org" });
            for (var index = 0; index < Before; index++)
            {
                await CreateSpaceAsync(client, crashOrg, $"before-{index}");
            }

            await StateFileRoundTripTests.WaitUntilAsync(() => SpaceNames(server.StateFile).Count >= Before);
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                for (var index = 0; !stop.IsCancellationRequested; index++)
                {
                    await CreateSpaceAsync(client, crashOrg, $"during-{index}");
                }
            });
            await StateFileRoundTripTests.WaitUntilAsync(() => SpaceNames(server.StateFile).Any(name => name.StartsWith("during-", StringComparison.Ordinal)));
            await Task.Delay(300);
            savedBeforeKill = SpaceNames(server.StateFile);
            fake.Kill();
            stop.Cancel();
            await Assert.ThrowsAnyAsync<Exception>(() => writer);
        }

        var restored = SpaceNames(server.StateFile);
        Assert.Superset(savedBeforeKill.ToHashSet(), restored.ToHashSet());
        Assert.Equal(CreationOrder.Take(restored.Count), restored);

        using var restarted = await FakeProcess.StartAsync("--state-file", server.StateFile);
        using var again = await AdminClientAsync(restarted);
        var org = (await again.GetAsync("/v3/organizations?names=crash-org").OkJsonAsync())["resources"]![0]!.Guid();
        var spaces = await again.GetAsync($"/v3/spaces?organization_guids={org}&per_page=5000").OkJsonAsync();
        Assert.Equal(restored.ToHashSet(), spaces["resources"]!.AsArray().Select(space => space!["name"]!.GetValue<string>()).ToHashSet());
        await CreateSpaceAsync(again, org, "after-restart");
    }

    private const int Before = 10;

    /// <summary>The names the test creates, in order: a save holds a prefix of them.</summary>
    private static IEnumerable<string> CreationOrder =>
        Enumerable.Range(0, Before).Select(index => $"before-{index}").Concat(Enumerable.Range(0, int.MaxValue - Before).Select(index => $"during-{index}"));

    [Fact]
    public async Task A_corrupt_state_file_stops_the_process_with_a_message()
    {
        using var server = new StateFileServer();
        await File.WriteAllTextAsync(server.StateFile, "{\"format\": \"cloudfoundry-fake-state/1\", \"tables\": ");

        var (exitCode, errors) = await FakeProcess.RunToExitAsync("--state-file", server.StateFile);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Cannot load the state file '{server.StateFile}'", errors, StringComparison.Ordinal);
    }

    private static List<string> SpaceNames(string stateFile) =>
        new StateFile(stateFile).Load() is { } saved
            ? [.. saved.World.Of<Space>().All.Select(space => space.Name).Where(name => name.StartsWith("before-", StringComparison.Ordinal) || name.StartsWith("during-", StringComparison.Ordinal))]
            : [];

    private static async Task<HttpClient> AdminClientAsync(FakeProcess fake)
    {
        var client = new HttpClient { BaseAddress = fake.BaseAddress };
        var token = await (await client.PostAsJsonAsync("/_fake/foundations/default/tokens", new { username = "admin" })).JsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token["access_token"]!.GetValue<string>());
        return client;
    }

    private static Task<string> CreateSpaceAsync(HttpClient client, string org, string name) =>
        CreateAsync(client, "/v3/spaces", new { name, relationships = new { organization = new { data = new { guid = org } } } });

    private static async Task<string> CreateAsync(HttpClient client, string path, object body) =>
        (await (await client.PostAsJsonAsync(path, body)).JsonAsync(HttpStatusCode.Created)).Guid();
}
