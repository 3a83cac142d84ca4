using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;
using CloudFoundry.Fake.Tests.Tsuru;

namespace CloudFoundry.Fake.Tests.Security;

/// <summary>Passwords, tokens, credentials and environment variable values never reach the journal in clear.</summary>
public sealed class JournalRedactionTests
{
    [Fact]
    public async Task The_journal_holds_no_password_token_credential_nor_environment_value()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = foundation.Admin;
        var login = await foundation.Anonymous.PostAsync("/uaa/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = "admin",
            ["client_id"] = "cf",
            ["client_secret"] = string.Empty,
        }));
        var tokens = (await login.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        var org = await foundation.OrgAsync("org");
        var space = await foundation.SpaceAsync(org, "space");
        var (app, _) = await foundation.StagedAppAsync(space, "web");
        (await admin.PatchAsJsonAsync($"/v3/apps/{app}/environment_variables", new { var = new { DB_PASSWORD = "env-secret-1" } })).EnsureSuccessStatusCode();
        (await admin.GetAsync($"/v3/apps/{app}/env")).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync("/v3/environment_variable_groups/running", new { var = new { GROUP_KEY = "env-secret-2" } })).EnsureSuccessStatusCode();
        var instance = await (await admin.PostAsJsonAsync("/v3/service_instances", new
        {
            type = "user-provided",
            name = "db",
            credentials = new { uri = "postgres://u:cred-secret-3@db", nested = new { key = "cred-secret-4" } },
            relationships = new { space = new { data = new { guid = space } } },
        })).JsonAsync(System.Net.HttpStatusCode.Created);
        (await admin.GetAsync($"/v3/service_instances/{instance.Guid()}/credentials")).EnsureSuccessStatusCode();
        var binding = await (await admin.PostAsJsonAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            relationships = new { service_instance = new { data = new { guid = instance.Guid() } }, app = new { data = new { guid = app } } },
        })).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        await admin.GetAsync($"/v3/service_credential_bindings/{binding!.Guid()}/details");
        await admin.PostAsJsonAsync("/v3/service_brokers", new
        {
            name = "broker",
            url = "https://broker.example.org",
            authentication = new { type = "basic", credentials = new { username = "broker-user", password = "broker-secret-5" } },
        });
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await tsuru.PostAsync("/1.0/apps", TsuruSession.Form(("name", "tapp"), ("platform", "python")));
        await tsuru.PostAsync("/1.0/apps/tapp/env", TsuruExpect.Json("{\"envs\":[{\"name\":\"TSURU_KEY\",\"value\":\"env-secret-6\"}],\"norestart\":true}"));
        await tsuru.GetAsync("/1.0/apps/tapp/env");

        var journal = await foundation.Anonymous.GetStringAsync($"/_fake/foundations/{foundation.Id}/journal");

        Assert.Contains("/v3/apps", journal, StringComparison.Ordinal);
        string[] secrets =
        [
            tokens["access_token"]!.GetValue<string>(), tokens["refresh_token"]!.GetValue<string>(), "password=admin",
            "env-secret-1", "env-secret-2", "cred-secret-3", "cred-secret-4", "broker-secret-5", "env-secret-6",
            tsuru.DefaultRequestHeaders.Authorization!.Parameter!,
        ];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, journal, StringComparison.Ordinal));
    }
}
