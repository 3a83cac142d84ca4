using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruAppUnitsTests
{
    private static async Task<(TestFoundation Foundation, HttpClient Tsuru, string Unit)> AppWithUnitAsync()
    {
        var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        (await tsuru.PutAsync("/1.0/apps/web/units", Form(("units", "1")))).EnsureSuccessStatusCode();
        var unit = (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["units"]![0]!["ID"]!.GetValue<string>();
        return (foundation, tsuru, unit);
    }

    [Fact]
    public async Task Autoscale_specs_are_set_per_process_listed_and_removed()
    {
        var (foundation, tsuru, _) = await AppWithUnitAsync();
        using var _ = foundation;

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.9/apps/web/units/autoscale", Json("""{"process":"web","minUnits":1,"maxUnits":4,"averageCPU":"70%"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.9/apps/web/units/autoscale", Form(("process", "web"), ("minUnits", "2"), ("maxUnits", "5"), ("averageCPU", "500m")))).StatusCode);

        var specs = (await JsonAsync(tsuru.GetAsync("/1.9/apps/web/units/autoscale"))).AsArray();
        Assert.Equal("""[{"process":"web","minUnits":2,"maxUnits":5,"averageCPU":"500m","version":0}]""", specs.ToJsonString());
        Assert.Equal(specs.ToJsonString(), (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["autoscale"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.9/apps/web/units/autoscale?process=web")).StatusCode);
        Assert.Empty((await JsonAsync(tsuru.GetAsync("/1.9/apps/web/units/autoscale"))).AsArray());
        Assert.False((await JsonAsync(tsuru.GetAsync("/1.0/apps/web"))).AsObject().ContainsKey("autoscale"));
    }

    [Fact]
    public async Task Autoscale_specs_are_validated_with_the_server_texts()
    {
        var (foundation, tsuru, _) = await AppWithUnitAsync();
        using var _ = foundation;
        (await tsuru.PutAsync("/1.0/apps/web/quota", Form(("limit", "3")))).EnsureSuccessStatusCode();

        await TextAsync(tsuru.PostAsync("/1.9/apps/web/units/autoscale", Form(("maxUnits", "2"))), HttpStatusCode.BadRequest, "unable to validate autoscale spec: minimum units must be greater than 0\n");
        await TextAsync(tsuru.PostAsync("/1.9/apps/web/units/autoscale", Form(("minUnits", "2"), ("maxUnits", "2"))), HttpStatusCode.BadRequest, "unable to validate autoscale spec: maximum units must be greater than minimum units\n");
        await TextAsync(tsuru.PostAsync("/1.9/apps/web/units/autoscale", Form(("minUnits", "1"), ("maxUnits", "9"))), HttpStatusCode.BadRequest, "unable to validate autoscale spec: maximum units cannot be greater than quota limit\n");
        await TextAsync(tsuru.PostAsync("/1.9/apps/web/units/autoscale", Form(("minUnits", "1"), ("maxUnits", "2"), ("averageCPU", "lots"))), HttpStatusCode.BadRequest, "unable to validate autoscale spec: unable to parse value \"lots\" as autoscale cpu percentage\n");
        await TextAsync(tsuru.PostAsync("/1.9/apps/web/units/autoscale", Form(("minUnits", "one"))), HttpStatusCode.BadRequest, "unable to parse autoscale spec: strconv.ParseUint: parsing \"one\": invalid syntax\n");
        await TextAsync(tsuru.GetAsync("/1.9/apps/nope/units/autoscale"), HttpStatusCode.NotFound, "App nope not found.\n");
    }

    [Fact]
    public async Task A_unit_registers_with_the_app_environment_reports_its_status_and_is_replaced_when_killed()
    {
        var (foundation, tsuru, unit) = await AppWithUnitAsync();
        using var _ = foundation;
        (await tsuru.PostAsync("/1.0/apps/web/env", Form(("Envs.0.Name", "MODE"), ("Envs.0.Value", "prod")))).EnsureSuccessStatusCode();

        var env = (await JsonAsync(tsuru.PostAsync("/1.0/apps/web/units/register", Form(("hostname", unit))))).AsArray();
        Assert.Contains(env, variable => variable!["name"]!.GetValue<string>() == "MODE" && variable["value"]!.GetValue<string>() == "prod");
        await TextAsync(tsuru.PostAsync("/1.0/apps/web/units/register", Form(("hostname", "ghost"))), HttpStatusCode.NotFound, "unit \"ghost\" not found\n");
        await TextAsync(tsuru.PostAsync($"/1.0/apps/web/units/register?hostname={unit}", null), HttpStatusCode.NotFound, "unit \"\" not found\n");
        await TextAsync(tsuru.PostAsync("/1.0/apps/web/units/register", Json($$"""{"hostname":"{{unit}}"}""")), HttpStatusCode.NotFound, "unit \"\" not found\n");
        using var outdated = new HttpRequestMessage(HttpMethod.Post, "/1.0/apps/web/units/register") { Content = Form(("hostname", unit)) };
        outdated.Headers.UserAgent.ParseAdd("tsuru-deploy-agent/0.2.0");
        await TextAsync(tsuru.SendAsync(outdated), HttpStatusCode.BadRequest, "Please contact admin. python platform is using outdated deploy-agent version, minimum required version is 0.2.4\n");

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync($"/1.0/apps/web/units/{unit[..6]}", Form(("status", "error")))).StatusCode);
        Assert.Equal("error", (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["units"]![0]!["Status"]!.GetValue<string>());
        await TextAsync(tsuru.PostAsync($"/1.0/apps/web/units/{unit}", Form(("status", "sleepy"))), HttpStatusCode.BadRequest, "invalid status\n");
        await TextAsync(tsuru.PostAsync("/1.0/apps/web/units/ghost", Form(("status", "started"))), HttpStatusCode.NotFound, "unit \"ghost\" not found\n");

        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync($"/1.12/apps/web/units/{unit}")).StatusCode);
        var units = (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["units"]!.AsArray();
        Assert.Single(units);
        Assert.NotEqual(unit, units[0]!["ID"]!.GetValue<string>());
        await TextAsync(tsuru.DeleteAsync($"/1.12/apps/web/units/{unit}"), HttpStatusCode.NotFound, $"unit \"{unit}\" not found\n");
    }

    [Fact]
    public async Task Run_streams_and_logs_the_command_and_needs_an_available_unit_unless_isolated()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        await TextAsync(tsuru.PostAsync("/1.0/apps/web/run", Form(("command", "ls"))), HttpStatusCode.BadRequest, "App must be available to run non-isolated commands\n");
        await TextAsync(tsuru.PostAsync("/1.0/apps/web/run", Form()), HttpStatusCode.BadRequest, "You must provide the command to run\n");
        Assert.Empty(await StreamAsync(tsuru.PostAsync("/1.0/apps/web/run", Json("""{"command":"ls -la","isolated":true}"""))));

        var log = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web/log?lines=10&source=app-run"))!.AsArray();
        Assert.Equal("running 'ls -la'", log.Single()!["Message"]!.GetValue<string>());
        var instance = JsonNode.Parse(await tsuru.GetStringAsync("/1.8/apps/web/log-instance?lines=5"))!.AsArray();
        Assert.Equal("app-run", instance.Single()!["Source"]!.GetValue<string>());
    }
}
