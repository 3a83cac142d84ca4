using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

public sealed class BulkSeedTests(CloudFoundryFake fake) : IClassFixture<CloudFoundryFake>
{
    [Fact]
    public async Task Ten_thousand_apps_are_seeded_in_one_transaction_and_served_like_created_ones()
    {
        using var foundation = fake.CreateFoundation();
        var space = await foundation.Given.Space();

        var guids = foundation.Seed.Apps(10_000, space, labels: index => new Dictionary<string, string> { ["tier"] = index % 2 == 0 ? "web" : "worker" });

        Assert.Equal(10_000, guids.Count);
        var page = JsonNode.Parse(await foundation.Api.GetStringAsync($"/v3/apps?space_guids={space.Guid}&label_selector=tier=worker&per_page=1"))!;
        Assert.Equal(5_000, page["pagination"]!["total_results"]!.GetValue<int>());
        var last = JsonNode.Parse(await foundation.Api.GetStringAsync($"/v3/apps/{guids[^1]}"))!;
        Assert.Equal(("app-10000", "STOPPED"), (last["name"]!.GetValue<string>(), last["state"]!.GetValue<string>()));
        var processes = JsonNode.Parse(await foundation.Api.GetStringAsync($"/v3/apps/{guids[0]}/processes"))!;
        Assert.Equal("web", processes["resources"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Seeding_names_taken_in_the_space_changes_nothing()
    {
        using var foundation = fake.CreateFoundation();
        var space = await foundation.Given.Space();
        await space.App("app-00002");
        var before = foundation.World;

        var error = Assert.ThrowsAny<Exception>(() => foundation.Seed.Apps(3, space));

        Assert.Equal("App with the name 'app-00002' already exists.", error.Message);
        Assert.Same(before, foundation.World);
        Assert.Throws<ArgumentException>(() => foundation.Seed.Apps(1, "no-such-space"));
    }
}
