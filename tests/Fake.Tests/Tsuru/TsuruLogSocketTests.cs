using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary><c>GET /logs</c> over a websocket: units push JSON log entries that the app's log then shows.</summary>
public sealed class TsuruLogSocketTests
{
    private static readonly (string, string) Origin = ("Origin", "http://unit.example.org");

    [Fact]
    public async Task Pushed_entries_are_kept_in_the_apps_log_and_the_server_answers_when_the_stream_ends()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var token = await TokenAsync(foundation);
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        using var logs = await TsuruSocket.OpenAsync(foundation, "/1.0/logs", token, Origin);
        await logs.SendAsync("""{"Date":"2026-01-02T03:04:05Z","Message":"first","Source":"web","Name":"web","Unit":"web-1"}{"date":"2026-01-02T03:04:06.5+01:00","message":"second","source":"worker","name":"web","unit":"web-2"}""");
        await logs.SendAsync("""{"date":"2026-01-02T03:04:07Z","message":"split""");
        await logs.SendAsync(""" across messages","source":"web","name":"web","unit":"web-1"}""");
        await logs.SendAsync("""{"date":"2026-01-02T03:04:08Z","message":"","name":"web"} {"message":"no date","name":"web"} {"date":"0001-01-01T00:00:00Z","message":"zero date","name":"web"}""");
        await logs.SendAsync("""{"date":"2026-01-02T03:04:09Z","message":"unknown app","name":"nope"} null""");
        await logs.CloseOutputAsync();

        Assert.Equal("""{"error":""}""", await logs.ReadToCloseAsync());
        var lines = await LogAsync(tsuru, "lines=10");
        Assert.Equal(
            ["2026-01-02T03:04:05Z first web web-1", "2026-01-02T02:04:06.5Z second worker web-2", "2026-01-02T03:04:07Z split across messages web web-1"],
            lines.Select(line => $"{line!["Date"]} {line["Message"]} {line["Source"]} {line["Unit"]}"));
        Assert.Equal("""{"Date":"2026-01-02T03:04:05Z","Message":"first","Source":"web","Name":"web","Type":"app","Unit":"web-1"}""", lines[0]!.ToJsonString());
    }

    [Fact]
    public async Task The_app_log_needs_a_line_count_and_filters_by_source_or_other_sources_and_units()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        using var logs = await TsuruSocket.OpenAsync(foundation, "/1.0/logs", await TokenAsync(foundation), Origin);
        await logs.SendAsync("""
            {"date":"2026-01-02T03:04:05Z","message":"a","source":"web","name":"web","unit":"u1"}
            {"date":"2026-01-02T03:04:06Z","message":"b","source":"worker","name":"web","unit":"u2"}
            {"date":"2026-01-02T03:04:07Z","message":"c","source":"web","name":"web","unit":"u3"}
            """);
        await logs.CloseOutputAsync();
        await logs.ReadToCloseAsync();

        async Task<string> MessagesAsync(string query) => string.Concat((await LogAsync(tsuru, query)).Select(line => line!["Message"]!.GetValue<string>()));
        Assert.Equal("bc", await MessagesAsync("lines=2"));
        Assert.Equal("ac", await MessagesAsync("lines=5&source=web"));
        Assert.Equal("b", await MessagesAsync("lines=5&source=web&invert-source=true"));
        Assert.Equal("ab", await MessagesAsync("lines=5&unit=u1&unit=u2"));
        await TextAsync(tsuru.GetAsync("/1.0/apps/web/log"), HttpStatusCode.BadRequest, "Parameter \"lines\" is mandatory.\n");
        await TextAsync(tsuru.GetAsync("/1.0/apps/web/log?lines=many"), HttpStatusCode.BadRequest, "Parameter \"lines\" must be an integer.\n");
        await TextAsync(tsuru.GetAsync("/1.0/apps/nope/log"), HttpStatusCode.NotFound, "App nope not found.\n");
    }

    [Theory]
    [InlineData("garbage", "invalid character 'g' looking for beginning of value")]
    [InlineData("[1]", "json: cannot unmarshal array into Go value of type app.Applog")]
    [InlineData("""{"message":5}""", "json: cannot unmarshal number into Go struct field Applog.Message of type string")]
    [InlineData("""{"date":"yesterday"}""", "parsing time \"yesterday\" as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse \"yesterday\" as \"2006\"")]
    public async Task A_value_that_is_not_a_log_entry_ends_the_stream_with_the_decoders_error(string pushed, string error)
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        using var logs = await TsuruSocket.OpenAsync(foundation, "/1.0/logs", await TokenAsync(foundation), Origin);
        await logs.SendAsync("""{"date":"2026-01-02T03:04:05Z","message":"kept","name":"web"}""" + pushed);

        var answer = await logs.ReadToCloseAsync();
        Assert.Equal(error, JsonNode.Parse(answer)!["error"]!.GetValue<string>()["wslogs: parsing log line: ".Length..]);
        Assert.StartsWith("""{"error":"wslogs: parsing log line: """, answer, StringComparison.Ordinal);
        Assert.Equal("kept", (await LogAsync(tsuru, "lines=1"))[0]!["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stream_ending_inside_a_value_is_an_unexpected_eof()
    {
        using var foundation = await TestFoundation.CreateAsync();

        using var logs = await TsuruSocket.OpenAsync(foundation, "/1.0/logs", await TokenAsync(foundation), Origin);
        await logs.SendAsync("""{"date":"2026-01-02T03:04:05Z","mess""");
        await logs.CloseOutputAsync();

        Assert.Equal("""{"error":"wslogs: parsing log line: unexpected EOF"}""", await logs.ReadToCloseAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0123456789012345678901234567890123456789")]
    public async Task Without_a_valid_token_the_upgraded_socket_answers_no_token_and_closes(string? token)
    {
        using var foundation = await TestFoundation.CreateAsync();

        using var logs = await TsuruSocket.OpenAsync(foundation, "/1.0/logs", token, Origin);

        Assert.Equal("""{"error":"wslogs: no token"}""", await logs.ReadToCloseAsync());
    }

    [Fact]
    public async Task An_upgrade_without_an_origin_is_refused_with_403()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await TsuruSocket.OpenAsync(foundation, "/1.0/logs", await TokenAsync(foundation)));
        Assert.Equal("Incomplete handshake, status code: 403", refused.Message);
    }

    /// <summary>GET /apps/web/log with the query: a JSON list sent as a JSON stream (one encoded value and a newline).</summary>
    private static async Task<JsonArray> LogAsync(HttpClient tsuru, string query)
    {
        using var response = await tsuru.GetAsync("/1.0/apps/web/log?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-json-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("]\n", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsArray();
    }
}
