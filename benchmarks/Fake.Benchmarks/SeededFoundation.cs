using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Fixtures;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>
/// An in-process fake with one foundation holding an org, a space and <c>apps</c> apps written straight through the
/// engine in one transaction (<see cref="BulkSeed.Apps(int, string, string, Func{int, IReadOnlyDictionary{string, string}})"/>);
/// every other app is labelled <c>tier=web</c>, the rest <c>tier=worker</c>.
/// </summary>
public sealed class SeededFoundation : IDisposable
{
    private SeededFoundation(CloudFoundryFake fake, FakeFoundation foundation, string spaceGuid)
    {
        Fake = fake;
        Client = foundation;
        SpaceGuid = spaceGuid;
        Engine = fake.Foundations.Find(foundation.Id) ?? throw new InvalidOperationException("The foundation vanished.");
    }

    public CloudFoundryFake Fake { get; }

    public FakeFoundation Client { get; }

    public Foundation Engine { get; }

    public string SpaceGuid { get; }

    /// <summary>The first seeded app (null when none were seeded).</summary>
    public string? FirstAppGuid { get; private set; }

    public static async Task<SeededFoundation> StartAsync(int apps)
    {
        var fake = new CloudFoundryFake();
        await fake.InitializeAsync();
        var foundation = fake.CreateFoundation();
        var org = await CreatedGuidAsync(foundation.Api, "/v3/organizations", new { name = "bench-org" });
        var space = await CreatedGuidAsync(foundation.Api, "/v3/spaces", new
        {
            name = "bench-space",
            relationships = new { organization = new { data = new { guid = org } } },
        });
        var seeded = new SeededFoundation(fake, foundation, space);
        seeded.FirstAppGuid = seeded.SeedApps(apps);
        return seeded;
    }

    private string? SeedApps(int count) =>
        Client.Seed.Apps(count, SpaceGuid, labels: index => new Dictionary<string, string> { ["tier"] = index % 2 == 0 ? "web" : "worker" }) is [var first, ..]
            ? first
            : null;

    private static async Task<string> CreatedGuidAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return document.RootElement.GetProperty("guid").GetString()!;
    }

    public void Dispose()
    {
        Client.Dispose();
        Fake.Dispose();
    }
}
