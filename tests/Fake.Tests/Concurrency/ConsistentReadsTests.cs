using System.Net;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Concurrency;

/// <summary>Readers during writes see whole snapshots: a list agrees with its own total and never shrinks.</summary>
public sealed class ConsistentReadsTests
{
    [Fact]
    public async Task Lists_read_during_parallel_creates_agree_with_their_totals()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var org = await foundation.OrgAsync("o1");
        const int Spaces = 60;

        var writers = Race.RunAsync(Spaces, index => foundation.Admin.PostAsJsonAsync("/v3/spaces", new
        {
            name = $"space-{index}",
            relationships = new { organization = new { data = new { guid = org } } },
        }));
        var seen = new List<int>();
        while (!writers.IsCompleted)
        {
            var page = await foundation.Admin.GetAsync($"/v3/spaces?organization_guids={org}&per_page=5000").OkJsonAsync();
            var count = page["resources"]!.AsArray().Count;
            Assert.Equal(count, page["pagination"]!["total_results"]!.GetValue<int>());
            seen.Add(count);
        }

        Assert.All(await writers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        Assert.Equal(seen.Order(), seen);
        var final = await foundation.Admin.GetAsync($"/v3/spaces?organization_guids={org}&per_page=5000").OkJsonAsync();
        Assert.Equal(Spaces, final["pagination"]!["total_results"]!.GetValue<int>());
    }
}
