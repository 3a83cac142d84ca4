using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruRoutersTests
{
    private static async Task<(TestFoundation Foundation, HttpClient Tsuru)> AppAsync(params string[] names)
    {
        var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        foreach (var name in names)
        {
            (await tsuru.PostAsync("/1.0/apps", Form(("name", name), ("platform", "python")))).EnsureSuccessStatusCode();
        }

        return (foundation, tsuru);
    }

    [Fact]
    public async Task Dynamic_routers_are_created_listed_updated_and_deleted_by_admins()
    {
        var (foundation, tsuru) = await AppAsync();
        using var _ = foundation;

        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.8/routers", Json("""{"name":"edge","type":"api","config":{"api-url":"http://edge"}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.8/routers/edge", Json("""{"config":{"debug":"true"}}"""))).StatusCode);

        var routers = (await JsonAsync(tsuru.GetAsync("/1.3/routers"))).AsArray();
        Assert.Equal(["default", "edge"], routers.Select(router => router!["name"]!.GetValue<string>()));
        Assert.True(routers[0]!["default"]!.GetValue<bool>());
        var edge = routers[1]!;
        Assert.True(edge["dynamic"]!.GetValue<bool>());
        Assert.Equal(("http://edge", "true"), (edge["config"]!["api-url"]!.GetValue<string>(), edge["config"]!["debug"]!.GetValue<string>()));
        await TextAsync(tsuru.PostAsync("/1.8/routers", Json("""{"name":"edge","type":"api"}""")), HttpStatusCode.Conflict, "dynamic router already exists\n");
        await TextAsync(tsuru.PostAsync("/1.8/routers", Json("""{"name":"x","type":"nginx"}""")), HttpStatusCode.BadRequest, "router type \"nginx\" is not registered\n");
        await TextAsync(tsuru.PostAsync("/1.8/routers", Json("""{"name":"x"}""")), HttpStatusCode.BadRequest, "dynamic router name and type are required\n");
        await TextAsync(tsuru.PutAsync("/1.8/routers/default", Json("""{"type":"api"}""")), HttpStatusCode.NotFound, "dynamic router not found\n");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.8/routers/edge")).StatusCode);
        await TextAsync(tsuru.DeleteAsync("/1.8/routers/edge"), HttpStatusCode.NotFound, "dynamic router not found\n");

        var member = await MemberAsync(foundation, tsuru, "dev@example.com", "devs");
        await TextAsync(member.PostAsync("/1.8/routers", Json("""{"name":"x","type":"api"}""")), HttpStatusCode.Forbidden, "You don't have permission to do this action\n");
        Assert.Null((await JsonAsync(member.GetAsync("/1.3/routers")))[0]!["config"]);
    }

    [Fact]
    public async Task Apps_start_on_the_default_router_and_routers_are_added_updated_and_removed()
    {
        var (foundation, tsuru) = await AppAsync("web");
        using var _ = foundation;
        (await tsuru.PostAsync("/1.8/routers", Json("""{"name":"edge","type":"api"}"""))).EnsureSuccessStatusCode();

        var initial = (await JsonAsync(tsuru.GetAsync("/1.5/apps/web/routers"))).AsArray();
        Assert.Equal(("default", "web.tsuru.example.org", "api"), (initial[0]!["name"]!.GetValue<string>(), initial[0]!["address"]!.GetValue<string>(), initial[0]!["type"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.5/apps/web/routers", Json("""{"name":"edge","opts":{"tls":"true"}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.5/apps/web/routers/edge", Form(("opts.tls", "false")))).StatusCode);

        var routers = (await JsonAsync(tsuru.GetAsync("/1.5/apps/web/routers"))).AsArray();
        Assert.Equal("false", routers[1]!["opts"]!["tls"]!.GetValue<string>());
        Assert.Equal("web.edge.tsuru.example.org", routers[1]!["addresses"]![0]!.GetValue<string>());
        Assert.Equal(2, (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["routers"]!.AsArray().Count);
        await TextAsync(tsuru.PostAsync("/1.5/apps/web/routers", Json("""{"name":"edge"}""")), HttpStatusCode.BadRequest, "router already linked to this app\n");
        await TextAsync(tsuru.PostAsync("/1.5/apps/web/routers", Json("""{"name":"nope"}""")), HttpStatusCode.NotFound, "router \"nope\" not found\n");
        await TextAsync(tsuru.PostAsync("/1.5/apps/nope/routers", Json("""{"name":"edge"}""")), HttpStatusCode.NotFound, "App nope not found.\n");

        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.5/apps/web/routers/default")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.5/apps/web/routers/edge")).StatusCode);
        await TextAsync(tsuru.DeleteAsync("/1.5/apps/web/routers/edge"), HttpStatusCode.NotFound, "router \"edge\" not found\n");
        await TextAsync(tsuru.PutAsync("/1.5/apps/web/routers/edge", Json("{}")), HttpStatusCode.NotFound, "router \"edge\" not found\n");
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.5/apps/web/routers")).StatusCode);
    }

    [Fact]
    public async Task A_recreated_app_starts_again_on_the_default_router_alone()
    {
        var (foundation, tsuru) = await AppAsync("web");
        using var _ = foundation;
        (await tsuru.PostAsync("/1.8/routers", Json("""{"name":"edge","type":"api"}"""))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.5/apps/web/routers", Json("""{"name":"edge"}"""))).EnsureSuccessStatusCode();

        (await tsuru.DeleteAsync("/1.0/apps/web")).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        Assert.Equal(["default"], (await JsonAsync(tsuru.GetAsync("/1.5/apps/web/routers"))).AsArray().Select(router => router!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Routes_are_rebuilt_per_router()
    {
        var (foundation, tsuru) = await AppAsync("web");
        using var _ = foundation;

        var result = await JsonAsync(tsuru.PostAsync("/1.0/apps/web/routes", Form(("dry", "true"))));

        Assert.Equal(string.Empty, result["default"]!["PrefixResults"]![0]!["Prefix"]!.GetValue<string>());
        Assert.Null(result["default"]!["Added"]);
    }

    [Fact]
    public async Task Swap_exchanges_cnames_of_matching_apps()
    {
        var (foundation, tsuru) = await AppAsync("blue", "green");
        using var _ = foundation;
        (await tsuru.PostAsync("/1.0/apps/blue/cname", Form(("cname", "www.example.com")))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.0/swap", Form(("app1", "blue"), ("app2", "green"), ("cnameOnly", "true")))).StatusCode);

        Assert.Empty((await JsonAsync(tsuru.GetAsync("/1.0/apps/blue")))["cname"]!.AsArray());
        Assert.Equal("www.example.com", (await JsonAsync(tsuru.GetAsync("/1.0/apps/green")))["cname"]![0]!.GetValue<string>());
        (await tsuru.PutAsync("/1.0/apps/blue/units", Form(("units", "1")))).EnsureSuccessStatusCode();
        await TextAsync(tsuru.PostAsync("/1.0/swap", Form(("app1", "blue"), ("app2", "green"))), HttpStatusCode.PreconditionFailed, "number of units doesn't match\n");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.0/swap", Form(("app1", "blue"), ("app2", "green"), ("force", "true")))).StatusCode);
        await TextAsync(tsuru.PostAsync("/1.0/swap", Form(("app1", "blue"), ("app2", "nope"))), HttpStatusCode.NotFound, "App nope not found.\n");
    }
}
