using System.Net.Http.Json;
using System.Text;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Persistence;
using CloudFoundry.Fake.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Persistence;

/// <summary>A server started on another's state file carries on where the first one stopped.</summary>
public sealed class StateFileRoundTripTests
{
    [Fact]
    public async Task A_busy_foundation_is_saved_on_shutdown_and_reloaded_whole_by_the_next_server()
    {
        using var server = new StateFileServer();
        string savedWorld;
        Dictionary<string, string> answers;
        using (var first = server.Start())
        {
            using var foundation = await TestFoundation.CreateAsync(first, Foundations.DefaultId);
            await BusyFoundation.FillAsync(foundation);
            answers = await ReadAllAsync(first, foundation);
            savedWorld = Document(first);
        }

        Assert.True(File.Exists(server.StateFile));
        using var second = server.Start();
        using var reloaded = await TestFoundation.CreateAsync(second, Foundations.DefaultId);

        Assert.Equal(savedWorld, Document(second));
        Assert.Equal(answers, await ReadAllAsync(second, reloaded));
        var clock = await reloaded.Anonymous.GetAsync("/_fake/foundations/default/clock").OkJsonAsync();
        Assert.Equal("2026-01-01T00:01:30Z", clock["now"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changes_are_saved_while_the_server_runs_and_the_guid_sequence_continues_after_a_reload()
    {
        using var server = new StateFileServer();
        string nextGuid;
        using (var first = server.Start())
        {
            using var foundation = await TestFoundation.CreateAsync(first, Foundations.DefaultId);
            await foundation.OrgAsync("saved-org");
            await WaitUntilAsync(() => File.Exists(server.StateFile) && File.ReadAllText(server.StateFile).Contains("saved-org", StringComparison.Ordinal));
            var snapshot = await BusyFoundation.Succeeds(foundation.Anonymous.PostAsJsonAsync("/_fake/foundations/default/snapshots", new { name = "before-next" }));
            nextGuid = await foundation.OrgAsync("next-org");
            await BusyFoundation.Succeeds(foundation.Anonymous.PostAsJsonAsync("/_fake/foundations/default/restore", new { snapshot = snapshot!["snapshot"]!.GetValue<string>() }));
        }

        using var second = server.Start();
        using var reloaded = await TestFoundation.CreateAsync(second, Foundations.DefaultId);
        var orgs = await reloaded.Admin.GetAsync("/v3/organizations?names=saved-org,next-org").OkJsonAsync();
        Assert.Equal(["saved-org"], orgs["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));
        Assert.Equal(nextGuid, await reloaded.OrgAsync("next-org"));
    }

    [Fact]
    public async Task A_missing_state_file_starts_from_the_seed_and_is_created()
    {
        using var server = new StateFileServer();
        using var factory = server.Start();
        using var foundation = await TestFoundation.CreateAsync(factory, Foundations.DefaultId);

        var orgs = await foundation.Admin.GetAsync("/v3/organizations").OkJsonAsync();

        Assert.Equal(["system"], orgs["resources"]!.AsArray().Select(org => org!["name"]!.GetValue<string>()));
        await WaitUntilAsync(() => File.Exists(server.StateFile));
        Assert.NotNull(new StateFile(server.StateFile).Load());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("{\"format\":\"cloudfoundry-fake-state/1\",\"seed\":\"s\",\"guidSequence\":1,\"clock\":\"2026-01-01T00:00:00Z\",\"tables\":{\"CloudFoundry.Fake.Features.Spaces.Sp", "")]
    [InlineData("{\"format\":\"something-else\"}", "it is not a saved foundation")]
    [InlineData("{\"format\":\"cloudfoundry-fake-state/1\",\"seed\":\"s\",\"guidSequence\":1,\"clock\":\"2026-01-01T00:00:00Z\",\"tables\":{\"System.String\":[]},\"settings\":{}}", "it holds 'System.String', which is not a resource type")]
    [InlineData("{\"format\":\"cloudfoundry-fake-state/1\",\"seed\":\"s\",\"guidSequence\":\"1\",\"clock\":\"2026-01-01T00:00:00Z\",\"tables\":{},\"settings\":{}}", "its \"guidSequence\" is missing or not a JSON number.")]
    [InlineData("{\"format\":\"cloudfoundry-fake-state/1\",\"seed\":\"s\",\"guidSequence\":1,\"clock\":\"yesterday\",\"tables\":{},\"settings\":{}}", "")]
    [InlineData("{\"format\":\"cloudfoundry-fake-state/1\",\"seed\":\"s\",\"guidSequence\":1,\"clock\":\"2026-01-01T00:00:00Z\",\"tables\":{},\"settings\":{}}", null)]
    public void A_state_file_that_is_not_a_complete_save_is_refused_with_its_reason(string content, string? reason)
    {
        using var server = new StateFileServer();
        File.WriteAllText(server.StateFile, content, Encoding.UTF8);
        var file = new StateFile(server.StateFile);

        if (reason is null)
        {
            Assert.Equal("s", file.Load()!.World.Seed);
            return;
        }

        var error = Assert.Throws<StateFileException>(file.Load);
        Assert.StartsWith($"Cannot load the state file '{server.StateFile}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" Fix or delete the file, or start without --state-file.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_state_file_stops_the_server_before_it_serves()
    {
        using var server = new StateFileServer();
        File.WriteAllText(server.StateFile, "{\"format\":");

        Assert.ThrowsAny<Exception>(() => server.Start());
        Assert.Equal("{\"format\":", File.ReadAllText(server.StateFile));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; !condition(); attempt++)
        {
            Assert.True(attempt < 200, "The condition did not hold within 10 s.");
            await Task.Delay(50);
        }
    }

    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private static string Document(WebApplicationFactory<Program> factory)
    {
        using var stream = new MemoryStream();
        WorldDocument.Write(stream, SavedFoundation.Of(factory.Services.GetRequiredService<Foundations>().Default));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(WebApplicationFactory<Program> factory, TestFoundation foundation)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in BusyFoundation.CfReads)
        {
            answers[path] = await ReadAsync(foundation.Admin, path);
        }

        var apps = await foundation.Admin.GetAsync("/v3/apps").OkJsonAsync();
        foreach (var path in apps["resources"]!.AsArray().SelectMany(app => BusyFoundation.AppReads.Select(read => $"/v3/apps/{app!.Guid()}/{read}")))
        {
            answers[path] = await ReadAsync(foundation.Admin, path);
        }

        var tsuru = await LoginAsync(foundation);
        foreach (var path in BusyFoundation.TsuruReads)
        {
            answers["tsuru " + path] = await ReadAsync(tsuru, path);
        }

        using var anonymous = factory.CreateClient();
        answers["lifecycles"] = await anonymous.GetStringAsync("/_fake/foundations/default/lifecycles");
        return answers;
    }
}
