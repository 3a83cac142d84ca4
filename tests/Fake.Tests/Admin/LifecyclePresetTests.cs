using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudFoundry.Fake.Tests.Admin;

/// <summary>The standalone server's <c>realistic</c> preset: lifecycles take clock time, with per-kind overrides from configuration.</summary>
public sealed class LifecyclePresetTests
{
    private static WebApplicationFactory<Program> Fake(string preset, params (string Kind, string Policy)[] overrides) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Fake:RealTimeClock", "false");
            builder.UseSetting("Fake:LifecyclePreset", preset);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (kind, policy) in overrides)
            {
                builder.UseSetting($"Fake:Lifecycles:{kind}", policy);
            }
        });

    [Fact]
    public async Task The_realistic_preset_keeps_jobs_and_tasks_running_until_the_clock_passes_them()
    {
        using var fake = Fake("realistic", ("task", "manual"));
        var client = fake.CreateClient();
        var lifecycles = await client.GetAsync("/_fake/foundations/default/lifecycles").OkJsonAsync();
        var policies = lifecycles["kinds"]!.AsArray().ToDictionary(kind => kind!["kind"]!.GetValue<string>(), kind => kind!["policy"]!);
        Assert.Equal(("AfterTime", 3.0), (policies["build"]["mode"]!.GetValue<string>(), policies["build"]["delay_seconds"]!.GetValue<double>()));
        Assert.Equal("Manual", policies["task"]["mode"]!.GetValue<string>());
        var token = (await (await client.PostAsJsonAsync("/_fake/foundations/default/tokens", new { username = "admin" })).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new("bearer", token);
        var org = await (await client.PostAsJsonAsync("/v3/organizations", new { name = "slow" })).JsonAsync(HttpStatusCode.Created);

        var delete = await client.DeleteAsync($"/v3/organizations/{org.Guid()}");

        Assert.Equal("PROCESSING", (await client.GetAsync(delete.Headers.Location).OkJsonAsync())["state"]!.GetValue<string>());
        (await client.PostAsJsonAsync("/_fake/foundations/default/clock/advance", new { seconds = 1 })).EnsureSuccessStatusCode();
        Assert.Equal("COMPLETE", (await client.GetAsync(delete.Headers.Location).OkJsonAsync())["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_policy_in_configuration_stops_the_server_with_a_clear_message()
    {
        using var fake = Fake("immediate", ("build", "sometimes"));

        var error = Assert.Throws<InvalidOperationException>(() => fake.CreateClient());

        Assert.Equal("Fake:Lifecycles:build = 'sometimes' is not 'immediate', 'manual', 'polls:N' or 'time:hh:mm:ss'.", error.Message);
    }
}
