using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures.Tests;

public sealed class TsuruFakeTests(TsuruFake fake) : IClassFixture<TsuruFake>
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Key, field.Value)));

    [Fact]
    public async Task A_foundation_serves_tsuru_as_the_admin_and_forks_stay_isolated()
    {
        using var foundation = fake.CreateFoundation();
        Assert.Equal(HttpStatusCode.Created, (await foundation.Api.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).StatusCode);

        using var fork = foundation.Fork();
        Assert.Equal(HttpStatusCode.Created, (await fork.Api.PostAsync("/1.0/apps", Form(("name", "only-in-fork"), ("platform", "python")))).StatusCode);

        var apps = JsonNode.Parse(await foundation.Api.GetStringAsync("/1.0/apps"))!.AsArray();
        Assert.Equal(["web"], apps.Select(app => app!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await foundation.Anonymous.GetAsync("/1.0/apps")).StatusCode);
        Assert.Empty(foundation.Controls.Unmatched);
    }

    [Fact]
    public async Task Held_deploys_finish_when_the_test_steps_them()
    {
        using var foundation = fake.CreateFoundation();
        (await foundation.Api.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        foundation.Deploys.Hold();

        (await foundation.Api.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:3")))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await foundation.Api.GetAsync("/1.1/events?running=true")).StatusCode);
        foundation.Deploys.Step();

        Assert.Equal(HttpStatusCode.NoContent, (await foundation.Api.GetAsync("/1.1/events?running=true")).StatusCode);
    }

    [Fact]
    public async Task A_websocket_reaches_the_foundations_app_shell()
    {
        using var foundation = fake.CreateFoundation();
        (await foundation.Api.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        (await foundation.Api.PutAsync("/1.0/apps/web/units", Form(("units", "1")))).EnsureSuccessStatusCode();
        var headers = new Dictionary<string, string> { ["Authorization"] = foundation.Api.DefaultRequestHeaders.Authorization!.ToString() };

        using var shell = await foundation.ConnectWebSocketAsync(new Uri(fake.BaseAddress, "/1.0/apps/web/shell"), headers);
        await shell.SendAsync("exit\r"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[1024];
        while ((await shell.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, shell.CloseStatus);
    }
}
