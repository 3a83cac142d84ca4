using System.Text;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.LogCache;

public sealed class LogCacheTests
{
    [Fact]
    public async Task Reads_return_the_staging_history_and_honour_start_time_so_streaming_clients_see_each_line_once()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var space = await foundation.SpaceAsync(await foundation.OrgAsync("org"), "space");
        var (app, _) = await foundation.StagedAppAsync(space, "web");

        var all = await foundation.Admin.GetAsync($"/api/v1/read/{app}").OkJsonAsync();

        var batch = all["envelopes"]!["batch"]!.AsArray();
        Assert.Equal(["Downloading app package...", "Staging complete"],
            batch.Select(envelope => Encoding.UTF8.GetString(Convert.FromBase64String(envelope!["log"]!["payload"]!.GetValue<string>()))));
        var last = long.Parse(batch[^1]!["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var later = await foundation.Admin.GetAsync($"/log-cache/api/v1/read/{app}?start_time={last + 1}").OkJsonAsync();
        Assert.Empty(later["envelopes"]!["batch"]!.AsArray());
        var unknown = await foundation.Admin.GetAsync($"/api/v1/read/{Guid.NewGuid()}").OkJsonAsync();
        Assert.Empty(unknown["envelopes"]!["batch"]!.AsArray());
    }
}
