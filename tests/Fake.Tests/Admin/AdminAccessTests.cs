using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Admin;

/// <summary>The admin API of a standalone server can be protected by a key or switched off; the platform APIs stay as they are.</summary>
public sealed class AdminAccessTests
{
    [Fact]
    public async Task With_a_key_admin_requests_need_it_in_the_header_and_the_console_page_still_loads()
    {
        using var factory = FakeApp.Start(("Fake:Admin:Key", "s3cret"), ("Fake:Console", "true"));
        using var client = factory.CreateClient();

        foreach (var path in (string[])["/_fake/foundations", "/_fake/", "/foundations/default/_fake/foundations/default/clock"])
        {
            var refused = await client.GetAsync(path);
            Assert.Equal("The admin API needs the admin key in the X-Fake-Admin-Key header.", (await refused.JsonAsync(HttpStatusCode.Unauthorized))["error"]!.GetValue<string>());
        }

        await (await Send(client, HttpMethod.Post, "/_fake/foundations", "wrong", new { id = "nope" })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await Send(client, HttpMethod.Post, "/_fake/foundations", "S3CRET", new { id = "nope" })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await Send(client, HttpMethod.Post, "/_fake/foundations", "s3cret", new { id = "keyed" })).JsonAsync(HttpStatusCode.Created);
        var foundations = await (await Send(client, HttpMethod.Get, "/_fake/foundations", "s3cret")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("keyed", foundations.AsArray().Select(foundation => foundation!["id"]!.GetValue<string>()));

        var page = await client.GetAsync("/_fake/console/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(AdminOptions.KeyHeader, await client.GetStringAsync("/_fake/console/console.js"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v3/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Broker(client).GetAsync("/_fake/broker/v2/catalog")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_admin_api_answers_404_everywhere_under_fake_but_the_sample_broker()
    {
        using var factory = FakeApp.Start(("Fake:Admin:Enabled", "false"), ("Fake:Console", "true"));
        using var client = factory.CreateClient();

        foreach (var path in (string[])["/_fake", "/_fake/foundations", "/_fake/console/", "/foundations/default/_fake/journal"])
        {
            var refused = await client.GetAsync(path);
            Assert.Equal("The admin API is disabled on this server.", (await refused.JsonAsync(HttpStatusCode.NotFound))["error"]!.GetValue<string>());
        }

        await (await client.PostAsJsonAsync("/_fake/foundations/default/tokens", new { username = "admin" })).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v3/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Broker(client).GetAsync("/_fake/broker/v2/catalog")).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_the_admin_api_is_open_as_the_fixtures_use_it()
    {
        using var foundation = await TestFoundation.CreateAsync();

        Assert.Equal(HttpStatusCode.OK, (await foundation.Anonymous.GetAsync($"/_fake/foundations/{foundation.Id}/clock")).StatusCode);
    }

    [Fact]
    public void Command_line_switches_stand_for_their_configuration_keys()
    {
        string[] args = ["--state-file", "state.json", "--admin-key=k", "--no-admin", "--urls", "http://localhost:1", "--admin-key"];

        Assert.Equal(
            ["--Fake:StateFile=state.json", "--Fake:Admin:Key=k", "--Fake:Admin:Enabled=false", "--urls", "http://localhost:1", "--admin-key"],
            CommandLineAliases.Expand(args));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(AdminOptions.KeyHeader, key);
        return client.SendAsync(request);
    }

    private static HttpClient Broker(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("broker:broker")));
        client.DefaultRequestHeaders.Add("X-Broker-API-Version", "2.16");
        return client;
    }
}
