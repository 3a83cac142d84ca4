using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruServerTests
{
    [Fact]
    public async Task The_welcome_page_and_metrics_need_no_token()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        var welcome = await foundation.Anonymous.GetAsync("/1.0");
        Assert.Equal("text/html", welcome.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Welcome to tsuru!", await welcome.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var metrics = await foundation.Anonymous.GetAsync("/1.2/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE tsuru_apps gauge\ntsuru_apps 1\n", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_endpoints_are_for_admins_only()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        var member = await MemberAsync(foundation, tsuru, "dev@example.com", "devs");

        Assert.StartsWith("goroutine 1 [running]:", await tsuru.GetStringAsync("/1.0/debug/goroutines"), StringComparison.Ordinal);
        Assert.Contains("Types of profiles available", await tsuru.GetStringAsync("/1.0/debug/pprof/"), StringComparison.Ordinal);
        Assert.Contains("Types of profiles available", await tsuru.GetStringAsync("/1.0/debug/pprof"), StringComparison.Ordinal);
        Assert.Equal("tsurud\0api", await tsuru.GetStringAsync("/1.0/debug/pprof/cmdline"));
        Assert.StartsWith("heap profile:", await tsuru.GetStringAsync("/1.0/debug/pprof/heap?debug=1"), StringComparison.Ordinal);
        var heap = await tsuru.GetAsync("/1.0/debug/pprof/heap");
        Assert.Equal(("application/octet-stream", "attachment; filename=\"heap\""), (heap.Content.Headers.ContentType?.MediaType, heap.Content.Headers.ContentDisposition?.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await tsuru.GetAsync("/1.9/debug/fgprof")).StatusCode);
        await TextAsync(member.GetAsync("/1.0/debug/pprof/trace"), HttpStatusCode.Forbidden, "You don't have permission to do this action\n");
        await TextAsync(foundation.Anonymous.GetAsync("/1.0/debug/goroutines"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header\n");
    }

    [Fact]
    public async Task Websocket_endpoints_answer_plain_requests_with_handshake_errors()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await TextAsync(foundation.Anonymous.GetAsync("/1.0/logs"), HttpStatusCode.BadRequest, "not websocket protocol");
        var shell = await foundation.Anonymous.GetAsync("/1.0/apps/web/shell");
        Assert.Equal(HttpStatusCode.BadRequest, shell.StatusCode);
        Assert.Equal("13", shell.Headers.GetValues("Sec-Websocket-Version").Single());
        Assert.Equal(
            "Bad Request\nunable to upgrade ws connection: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
            await shell.Content.ReadAsStringAsync());
    }
}
