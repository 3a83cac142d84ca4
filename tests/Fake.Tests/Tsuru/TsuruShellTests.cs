using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary><c>GET /apps/{app}/shell</c> over a websocket, as <c>tsuru app shell</c> uses it.</summary>
public sealed class TsuruShellTests
{
    private const string ShellQuery = "isolated=false&debug=false&width=80&height=24&term=xterm";

    [Fact]
    public async Task The_shell_runs_in_the_first_unit_echoes_keystrokes_and_answers_its_commands()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var token = await TokenAsync(foundation);
        var (tsuru, units) = await AppWithUnitsAsync(foundation, token, 2);
        (await tsuru.PostAsync("/1.0/apps/web/env", Form(("Envs.0.Name", "GREETING"), ("Envs.0.Value", "hello"), ("noRestart", "true")))).EnsureSuccessStatusCode();

        using var shell = await TsuruSocket.OpenAsync(foundation, $"/1.0/apps/web/shell?{ShellQuery}", token);

        Assert.Equal("$ ", await shell.ReadUntilAsync("$ "));
        await shell.SendAsync("ec");
        Assert.Equal("ec", await shell.ReadUntilAsync("ec"));
        await shell.SendAsync("ho conformance\r");
        Assert.Equal("ho conformance\r\nconformance\r\n$ ", await shell.ReadUntilAsync("$ "));
        await shell.SendAsync("hostname\r");
        Assert.Equal($"hostname\r\n{units[0]}\r\n$ ", await shell.ReadUntilAsync("$ "));
        await shell.SendAsync("pwd\r");
        Assert.Equal("pwd\r\n/home/application/current\r\n$ ", await shell.ReadUntilAsync("$ "));
        await shell.SendAsync("env\r");
        var env = await shell.ReadUntilAsync("$ ");
        Assert.Contains("\r\nGREETING=hello\r\n", env, StringComparison.Ordinal);
        Assert.Contains("\r\nTSURU_APPNAME=web\r\n", env, StringComparison.Ordinal);
        await shell.SendAsync("lx\u007fs -la\r");
        Assert.Equal("lx\b \bs -la\r\nsh: ls: not found\r\n$ ", await shell.ReadUntilAsync("$ "));
        await shell.SendAsync("\r");
        Assert.Equal("\r\n$ ", await shell.ReadUntilAsync("$ "));
        await shell.SendAsync("exit\r");
        Assert.Equal("exit\r\n", await shell.ReadToCloseAsync());

        var events = await JsonAsync(tsuru.GetAsync("/1.1/events?kindname=app.run.shell"));
        Assert.Equal("web", events[0]!["Target"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_unit_asked_for_is_used_and_ctrl_d_ends_the_shell()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var token = await TokenAsync(foundation);
        var (_, units) = await AppWithUnitsAsync(foundation, token, 2);

        using var shell = await TsuruSocket.OpenAsync(foundation, $"/1.0/apps/web/shell?{ShellQuery}&unit={units[1]}&container_id={units[1]}", token);
        await shell.SendAsync("hostname\n");
        Assert.Equal($"$ hostname\r\n{units[1]}\r\n$ ", await shell.ReadUntilAsync($"{units[1]}\r\n$ "));
        await shell.SendAsync("\u0004");
        Assert.Equal("exit\r\n", await shell.ReadToCloseAsync());
    }

    [Fact]
    public async Task An_isolated_shell_runs_in_a_new_unit_of_the_latest_version()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var token = await TokenAsync(foundation);
        var tsuru = await AppAsync(foundation, token);
        (await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:3")))).EnsureSuccessStatusCode();

        using var shell = await TsuruSocket.OpenAsync(foundation, "/1.0/apps/web/shell?isolated=true", token);
        await shell.SendAsync("hostname\rexit\r");
        Assert.Equal("$ hostname\r\nweb-isolated-run\r\n$ exit\r\n", await shell.ReadToCloseAsync());
    }

    [Theory]
    [InlineData("/1.0/apps/web/shell", "none", "no token provided or session expired, please login again", false)]
    [InlineData("/1.0/apps/web/shell", "bad", "no token provided or session expired, please login again", false)]
    [InlineData("/1.0/apps/nope/shell", "admin", "App nope not found.", false)]
    [InlineData("/1.0/apps/web/shell", "outsider", "You don't have permission to do this action", false)]
    [InlineData("/1.0/apps/web/shell?unit=web-web-missing", "admin", "unit \"web-web-missing\" not found", true)]
    [InlineData("/1.0/apps/web/shell", "admin", "no versions available for app", true)]
    [InlineData("/1.0/apps/web/shell?isolated=true", "admin", "no versions available for app", true)]
    public async Task Refusals_are_reported_inside_the_upgraded_socket_then_it_closes(string path, string caller, string error, bool recorded)
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await TokenAsync(foundation);
        var tsuru = await AppAsync(foundation, admin);
        await MemberAsync(foundation, tsuru, "outsider@example.com", "outsiders");
        var token = caller switch
        {
            "admin" => admin,
            "outsider" => await TokenAsync(foundation, "outsider@example.com", "secret1"),
            "bad" => "0123456789012345678901234567890123456789",
            _ => null,
        };

        using var shell = await TsuruSocket.OpenAsync(foundation, path, token);

        Assert.Equal($"Error: {error}\n", await shell.ReadToCloseAsync());
        using var events = await tsuru.GetAsync("/1.1/events?kindname=app.run.shell");
        if (recorded)
        {
            Assert.Equal(error, JsonNode.Parse(await events.Content.ReadAsStringAsync())![0]!["Error"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(HttpStatusCode.NoContent, events.StatusCode);
        }
    }

    private static async Task<HttpClient> AppAsync(TestFoundation foundation, string token)
    {
        var tsuru = foundation.NewClient(null);
        tsuru.DefaultRequestHeaders.Authorization = new("bearer", token);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        return tsuru;
    }

    private static async Task<(HttpClient Tsuru, List<string> Units)> AppWithUnitsAsync(TestFoundation foundation, string token, int count)
    {
        var tsuru = await AppAsync(foundation, token);
        (await tsuru.PutAsync("/1.0/apps/web/units", Form(("units", count.ToString(System.Globalization.CultureInfo.InvariantCulture))))).EnsureSuccessStatusCode();
        var units = (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["units"]!.AsArray().Select(unit => unit!["ID"]!.GetValue<string>()).ToList();
        return (tsuru, units);
    }
}
