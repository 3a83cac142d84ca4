using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFoundry.Fake.Tests.Support;

/// <summary>
/// A fresh foundation (seeded, isolated) in the shared in-process fake, with an HTTP client that talks to it
/// as the admin user. Tests create users with other roles through <see cref="ClientForUserAsync"/>.
/// </summary>
public sealed class TestFoundation : IDisposable
{
    private readonly List<HttpClient> clients = [];
    private readonly WebApplicationFactory<Program> factory;
    private readonly bool owned;

    private TestFoundation(WebApplicationFactory<Program> factory, string id, bool owned)
    {
        this.factory = factory;
        this.owned = owned;
        Id = id;
    }

    public string Id { get; }

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The foundation itself, in process, for tests that compare or restore its world.</summary>
    public Foundation Engine => factory.Services.GetRequiredService<Foundations>().Find(Id)!;

    /// <summary>A client with no token at all.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public static Task<TestFoundation> CreateAsync() => CreateAsync(FakeApp.Factory);

    /// <summary>A new foundation in the given fake, or (with <paramref name="existing"/>) one it already has, which is kept on dispose.</summary>
    public static async Task<TestFoundation> CreateAsync(WebApplicationFactory<Program> factory, string? existing = null)
    {
        var id = existing ?? "test-" + Guid.NewGuid().ToString("N");
        if (existing is null)
        {
            using var setup = factory.CreateClient();
            (await setup.PostAsJsonAsync("/_fake/foundations", new { id })).EnsureSuccessStatusCode();
        }

        var foundation = new TestFoundation(factory, id, owned: existing is null);
        foundation.Anonymous = foundation.NewClient(null);
        foundation.Admin = foundation.NewClient(await foundation.TokenAsync("admin"));
        return foundation;
    }

    public async Task<string> TokenAsync(string username)
    {
        var response = await Anonymous.PostAsJsonAsync($"/_fake/foundations/{Id}/tokens", new { username });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["access_token"]!.GetValue<string>();
    }

    /// <summary>Seeds a user with the given roles (type and org/space guid) and returns a client acting as it.</summary>
    public async Task<HttpClient> ClientForUserAsync(string username, params (string Type, string Target)[] roles)
    {
        var response = await Anonymous.PostAsJsonAsync($"/_fake/foundations/{Id}/users", new
        {
            username,
            roles = roles.Select(role => new { type = role.Type, target = role.Target }),
        });
        response.EnsureSuccessStatusCode();
        return NewClient(await TokenAsync(username));
    }

    /// <summary>Seeds a user with extra token scopes (e.g. cloud_controller.global_auditor).</summary>
    public async Task<HttpClient> ClientWithScopesAsync(string username, params string[] scopes)
    {
        (await Anonymous.PostAsJsonAsync($"/_fake/foundations/{Id}/users", new { username, scopes })).EnsureSuccessStatusCode();
        return NewClient(await TokenAsync(username));
    }

    public HttpClient NewClient(string? token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(FoundationRouting.Header, Id);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        }

        clients.Add(client);
        return client;
    }

    /// <summary>Opens a websocket to <paramref name="path"/> of this foundation through TestServer, with these request headers.</summary>
    public Task<WebSocket> WebSocketAsync(string path, params (string Name, string Value)[] headers)
    {
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers[FoundationRouting.Header] = Id;
            foreach (var (name, value) in headers)
            {
                request.Headers[name] = value;
            }
        };
        return client.ConnectAsync(new Uri(factory.Server.BaseAddress, path), CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        if (!owned)
        {
            return;
        }

        using var cleanup = factory.CreateClient();
        cleanup.DeleteAsync($"/_fake/foundations/{Id}").GetAwaiter().GetResult();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
