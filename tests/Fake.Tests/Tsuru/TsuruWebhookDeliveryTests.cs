using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;
using Request = WireMock.RequestBuilders.Request;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>Event webhooks are called as the server calls them, with a WireMock.Net server as the receiver.</summary>
public sealed class TsuruWebhookDeliveryTests : IDisposable
{
    private static readonly string[] EventFields = ["Target", "Kind", "Owner", "Error", "Running", "Lock"];

    private readonly WireMockServer receiver = WireMockServer.Start();

    public TsuruWebhookDeliveryTests()
    {
        receiver.Given(Request.Create().WithPath("/broken")).RespondWith(Response.Create().WithStatusCode(500).WithBody("boom"));
        receiver.Given(Request.Create().UsingAnyMethod()).AtPriority(10).RespondWith(Response.Create().WithStatusCode(200));
    }

    public void Dispose() => receiver.Stop();

    [Fact]
    public async Task A_finished_event_is_posted_as_the_event_JSON_with_the_hook_headers()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await AddHookAsync(admin, "notify", "/hooks/app", """{"target_types":["app"]}""", ""","headers":{"X-Token":["abc","def"]}""");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).StatusCode);

        var call = Assert.Single(await ReceivedAsync(receiver, entries => entries.Count >= 1));
        Assert.Equal(("POST", "/hooks/app"), (call.Method, call.Path));
        Assert.Equal("abc, def", string.Join(", ", call.Headers!["X-Token"]));
        Assert.Equal("tsuru-webhook-client/1.0", call.Headers["User-Agent"].Single());
        Assert.Equal("application/json", call.Headers["Content-Type"].Single());
        var evt = JsonNode.Parse(call.Body!)!.AsObject();
        Assert.Equal("UniqueID", evt.First().Key);
        Assert.False(evt.ContainsKey("ID"));
        Assert.False(evt.ContainsKey("StartCustomData"));
        Assert.Equal(
            """{"Type":"app","Value":"web"}|{"Type":"permission","Name":"app.create"}|{"Type":"user","Name":"admin@example.com"}|""|false|null""",
            string.Join('|', EventFields.Select(field => evt[field]?.ToJsonString() ?? "null")));
        var listed = await JsonAsync(await admin.GetAsync($"/1.1/events/{evt["UniqueID"]!.GetValue<string>()}"));
        Assert.Equal(listed["EndTime"]!.GetValue<string>(), evt["EndTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_pick_events_by_target_kind_prefix_and_outcome()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await AddHookAsync(admin, "web-app", "/web", """{"target_types":["app"],"target_values":["web"]}""");
        await AddHookAsync(admin, "app-updates", "/updates", """{"kind_names":["app.update"]}""");
        await AddHookAsync(admin, "teams", "/teams", """{"kind_types":["permission"],"target_types":["team"]}""");
        await AddHookAsync(admin, "failures", "/failures", """{"error_only":true}""");
        await AddHookAsync(admin, "good-deploys", "/good-deploys", """{"kind_names":["app.deploy"],"success_only":true}""");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/teams", Form(("name", "devs")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python"), ("teamOwner", "admin")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/apps", Form(("name", "other"), ("platform", "python"), ("teamOwner", "admin")))).StatusCode);
        (await admin.PostAsync("/1.0/apps/web/env", Form(("Envs.0.Name", "MODE"), ("Envs.0.Value", "prod")))).EnsureSuccessStatusCode();
        Assert.EndsWith("\nOK\n", await (await admin.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:1")))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await foundation.Anonymous.PostAsync($"/_fake/foundations/{foundation.Id}/lifecycles/tsuru_deploy/fail-next", TestFoundation.Json("""{"message":"build failed: exit 1"}"""))).EnsureSuccessStatusCode();
        Assert.EndsWith("\nbuild failed: exit 1\n", await (await admin.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:2")))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/teams", Form(("name", "last")))).StatusCode);

        var calls = await ReceivedAsync(receiver, entries => entries.Any(call => Describe(call) == "/teams team.create last "));

        Assert.Equal(
            [
                "/failures app.deploy web build failed: exit 1",
                "/good-deploys app.deploy web ",
                "/teams team.create devs ",
                "/teams team.create last ",
                "/updates app.update.env.set web ",
                "/web app.create web ",
                "/web app.deploy web ",
                "/web app.deploy web build failed: exit 1",
                "/web app.update.env.set web ",
            ],
            calls.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_hook_method_and_body_template_are_used_and_failing_hooks_fail_nothing()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await AddHookAsync(admin, "broken", "/broken", "{}");
        await AddHookAsync(admin, "unreachable", "/x", "{}", url: "http://127.0.0.1:1/x");
        await AddHookAsync(admin, "not-a-url", "/x", "{}", url: "not a url");
        await AddHookAsync(admin, "custom", "/custom", """{"target_types":["app"]}""",
            ""","method":"put","headers":{"Content-Type":["text/plain"]},"body":"app={{.Target.Value}} kind={{ .Kind.Name }}{{/* note */}} by {{.Owner.Name}} error={{.Error}}" """);
        await AddHookAsync(admin, "raw", "/raw", """{"target_types":["app"]}""", ""","body":"{{.Target.Value" """);
        await AddHookAsync(admin, "unknown-field", "/unknown", """{"target_types":["app"]}""", ""","body":"{{.Nope}}" """);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/teams", Form(("name", "last")))).StatusCode);

        var calls = await ReceivedAsync(receiver, entries => entries.Any(call => call.Path == "/broken" && call.Body!.Contains("\"team.create\"", StringComparison.Ordinal)));
        var custom = Assert.Single(calls, call => call.Path == "/custom");
        Assert.Equal(("PUT", "app=web kind=app.create by admin@example.com error="), (custom.Method, custom.Body));
        Assert.Equal("text/plain", custom.Headers!["Content-Type"].Single());
        Assert.Equal("tsuru-webhook-client/1.0", custom.Headers["User-Agent"].Single());
        var raw = Assert.Single(calls, call => call.Path == "/raw");
        Assert.Equal(("POST", "{{.Target.Value"), (raw.Method, raw.Body));
        Assert.DoesNotContain(calls, call => call.Path == "/unknown");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/1.0/apps/web")).StatusCode);
    }

    [Fact]
    public async Task Parallel_writes_call_a_hook_once_per_finished_event()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await AddHookAsync(admin, "all", "/all", """{"target_types":["app","team"]}""");
        var names = Enumerable.Range(1, 20).Select(index => $"app{index}").ToList();

        var created = await Task.WhenAll(names.Select(name => admin.PostAsync("/1.0/apps", Form(("name", name), ("platform", "python")))));
        Assert.All(created, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/teams", Form(("name", "last")))).StatusCode);

        var calls = await ReceivedAsync(receiver, entries => entries.Any(call => Describe(call) == "/all team.create last "));
        Assert.Equal(names.Select(name => $"/all app.create {name} ").Append("/all team.create last ").Order(StringComparer.Ordinal), calls.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Insecure_hooks_skip_certificate_validation()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var tls = WireMockServer.Start(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = certificate },
        });
        tls.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await AddHookAsync(admin, "verified", "/verified", """{"target_types":["app"]}""", url: tls.Url + "/verified");
        await AddHookAsync(admin, "insecure", "/insecure", """{"target_types":["app"]}""", ""","insecure":true""", url: tls.Url + "/insecure");
        await AddHookAsync(admin, "sentinel", "/sentinel", """{"target_types":["team"]}""");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/teams", Form(("name", "last")))).StatusCode);
        await ReceivedAsync(receiver, entries => entries.Any(call => call.Path == "/sentinel"));

        Assert.Equal(["/insecure"], tls.LogEntries.Select(entry => entry.RequestMessage.Path));
    }

    private async Task AddHookAsync(HttpClient admin, string name, string path, string filter, string extra = "", string? url = null)
    {
        var body = $$"""{"name":"{{name}}","team_owner":"admin","url":"{{url ?? receiver.Url + path}}","event_filter":{{filter}}{{extra}}}""";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.6/events/webhooks", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
    }

    /// <summary>The receiver's requests once <paramref name="done"/> holds, waiting at most thirty seconds.</summary>
    private static async Task<IReadOnlyList<IRequestMessage>> ReceivedAsync(WireMockServer server, Func<IReadOnlyList<IRequestMessage>, bool> done)
    {
        IReadOnlyList<IRequestMessage> Calls() => [.. server.LogEntries.Select(entry => entry.RequestMessage)];
        for (var attempt = 0; attempt < 600 && !done(Calls()); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(done(Calls()), "the expected webhook calls did not arrive: " + string.Join(", ", Calls().Select(call => call.Path)));
        return Calls();
    }

    private static string Describe(IRequestMessage call)
    {
        var evt = JsonNode.Parse(call.Body!)!;
        return $"{call.Path} {evt["Kind"]!["Name"]} {evt["Target"]!["Value"]} {evt["Error"]}";
    }
}
