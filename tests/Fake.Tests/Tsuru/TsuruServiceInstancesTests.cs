using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruServiceSteps;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruServiceInstancesTests
{
    [Fact]
    public async Task An_instance_is_created_listed_shown_and_reports_its_status()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        var listed = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/instances"))!.AsArray().Single()!;
        Assert.Equal("mysql", listed["service"]!.GetValue<string>());
        Assert.Empty(listed["instances"]!.AsArray());

        var created = await tsuru.PostAsync("/1.0/services/mysql/instances", Form(
            ("name", "db"), ("plan", "small"), ("owner", "admin"), ("description", "orders"), ("tag", "prod"), ("tag", " prod "), ("tag", "eu"), ("parameters.size", "10")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(string.Empty, await created.Content.ReadAsStringAsync());

        var info = await tsuru.GetAsync("/1.0/services/mysql/instances/db");
        Assert.Equal("application/json", info.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await info.Content.ReadAsStringAsync())!;
        Assert.Equal("small", body["PlanName"]!.GetValue<string>());
        Assert.Equal("1 CPU, 1 GiB memory, 10 GiB disk", body["PlanDescription"]!.GetValue<string>());
        Assert.Equal("admin", body["TeamOwner"]!.GetValue<string>());
        Assert.Equal(["admin"], body["Teams"]!.AsArray().Select(team => team!.GetValue<string>()));
        Assert.Equal(["prod", "eu"], body["Tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
        Assert.Equal("10", body["Parameters"]!["size"]!.GetValue<string>());
        Assert.Equal("orders", body["Description"]!.GetValue<string>());
        Assert.Empty(body["Apps"]!.AsArray());

        var entry = JsonNode.Parse(await tsuru.GetStringAsync("/services/instances"))!.AsArray().Single()!;
        Assert.Equal(["db"], entry["instances"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(["small"], entry["plans"]!.AsArray().Select(plan => plan!.GetValue<string>()));
        var instance = entry["service_instances"]![0]!;
        Assert.Equal("mysql", instance["service_name"]!.GetValue<string>());
        Assert.Equal("admin", instance["team_owner"]!.GetValue<string>());
        Assert.Equal("10", instance["parameters"]!["size"]!.GetValue<string>());
        Assert.Null(instance["pool"]);

        var summary = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services"))![0]!;
        Assert.Equal(["db"], summary["instances"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(["prod", "eu"], summary["service_instances"]![0]!["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));

        var service = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql"))!.AsArray().Single()!;
        Assert.Equal("db", service["Name"]!.GetValue<string>());
        Assert.Equal("small", service["PlanName"]!.GetValue<string>());

        var status = await tsuru.GetAsync("/1.0/services/mysql/instances/db/status");
        Assert.Equal("Service instance \"db\" is up", await status.Content.ReadAsStringAsync());
        var forApp = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/instances?app=web"))![0]!;
        Assert.Empty(forApp["instances"]!.AsArray());
        Assert.Null(forApp["service_instances"]);
    }

    [Fact]
    public async Task Creation_errors_use_the_server_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(tsuru, "db");

        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/mysql/instances", Form(("name", "db"), ("owner", "admin"))), HttpStatusCode.Conflict, "instance name already exists.");
        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/mysql/instances", Form(("name", "9db"), ("owner", "admin"))), HttpStatusCode.BadRequest, "invalid service instance name");
        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/mysql/instances", Form(("name", "db2"))), HttpStatusCode.BadRequest, "You must provide a team to execute this action.");
        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/mysql/instances", Form(("name", "db2"), ("owner", "ghosts"))), HttpStatusCode.BadRequest, "Team owner doesn't exist");
        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/mysql/instances", Form(("name", "db2"), ("owner", "admin"), ("pool", "default"))), HttpStatusCode.BadRequest,
            "regular (non-multi-cluster) service instance cannot belong to a pool");
        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/nope/instances", Form(("name", "db2"), ("owner", "admin"))), HttpStatusCode.NotFound, "Service not found");
        await AssertErrorAsync(await tsuru.GetAsync("/1.0/services/mysql/instances/nope"), HttpStatusCode.NotFound, "service instance not found");
        var malformed = await tsuru.PostAsync("/1.0/services/mysql/instances", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("unable to parse as json: \"{\" - ", await malformed.Content.ReadAsStringAsync());

        var json = new StringContent("""{"name":"cache","plan_name":"large","team_owner":"admin","tags":["a"],"parameters":{"replicas":"2"}}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.0/services/mysql/instances", json)).StatusCode);
        var info = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql/instances/cache"))!;
        Assert.Equal("large", info["PlanName"]!.GetValue<string>());
        Assert.Equal("2", info["Parameters"]!["replicas"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_instance_is_updated_and_its_teams_changed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(tsuru, "db");
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/teams", Form(("name", "devs")))).StatusCode);

        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/instances/db", Form(("plan", "small"), ("teamowner", "admin"))), HttpStatusCode.BadRequest,
            "Neither description, team owner, tags, plan nor plan parameters were set. You must define at least one.");
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/instances/db", Form(("plan", "large"))), HttpStatusCode.BadRequest,
            "please specify the team that owns the service instance");
        var updated = await tsuru.PutAsync("/1.0/services/mysql/instances/db", Form(("plan", "large"), ("teamowner", "devs"), ("description", "bigger"), ("tag", "x")));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var info = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql/instances/db"))!;
        Assert.Equal("large", info["PlanName"]!.GetValue<string>());
        Assert.Equal("devs", info["TeamOwner"]!.GetValue<string>());
        Assert.Equal(["admin", "devs"], info["Teams"]!.AsArray().Select(team => team!.GetValue<string>()));
        Assert.Equal(["x"], info["Tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));

        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/permission/db/devs"), HttpStatusCode.BadRequest, "cannot revoke the instance's team owner access");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.0/services/mysql/instances/permission/db/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.0/services/mysql/instances/permission/db/admin", null)).StatusCode);
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/instances/permission/db/ghosts", null), HttpStatusCode.NotFound, "team not found");
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/instances/permission/nope/admin", null), HttpStatusCode.NotFound, "service instance not found");
        info = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql/instances/db"))!;
        Assert.Equal(["devs", "admin"], info["Teams"]!.AsArray().Select(team => team!.GetValue<string>()));
    }

    [Fact]
    public async Task Users_see_and_use_only_the_instances_of_their_teams()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(admin, "db");
        var member = await MemberAsync(foundation, admin, "dev@example.com");

        var listed = JsonNode.Parse(await member.GetStringAsync("/1.0/services/instances"))!.AsArray().Single()!;
        Assert.Empty(listed["instances"]!.AsArray());
        await AssertErrorAsync(await member.GetAsync("/1.0/services/mysql/instances/db"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await member.DeleteAsync("/1.0/services/mysql/instances/db"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await member.PostAsync("/1.0/services/mysql/instances", Form(("name", "mine"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        Assert.Equal("null\n", await member.GetStringAsync("/1.0/services/mysql"));

        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync("/teams", Form(("name", "devs")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync("/1.0/services/mysql/instances", Form(("name", "mine")))).StatusCode);
        var own = JsonNode.Parse(await member.GetStringAsync("/1.0/services/instances"))![0]!;
        Assert.Equal(["mine"], own["instances"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal("devs", JsonNode.Parse(await member.GetStringAsync("/1.0/services/mysql/instances/mine"))!["TeamOwner"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_instance_proxy_forwards_to_the_fake_service_api_except_reserved_paths()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(tsuru, "db");

        var proxied = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql/proxy/db?callback=/resources/db/backups"))!;
        Assert.Equal("/resources/db/backups", proxied["path"]!.GetValue<string>());
        Assert.Equal("db", proxied["instance"]!.GetValue<string>());
        var posted = await tsuru.PostAsync("/1.0/services/mysql/proxy/db?callback=backups", null);
        Assert.Equal("POST", JsonNode.Parse(await posted.Content.ReadAsStringAsync())!["method"]!.GetValue<string>());
        await AssertErrorAsync(await tsuru.PostAsync("/1.0/services/mysql/proxy/db?callback=/resources/db", null), HttpStatusCode.BadRequest, "proxy request POST \"\" is forbidden");
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/proxy/db?callback=bind-app", null), HttpStatusCode.BadRequest, "proxy request PUT \"bind-app\" is forbidden");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.GetAsync("/1.0/services/mysql/proxy/db?callback=bind")).StatusCode);
        await AssertErrorAsync(await tsuru.DeleteAsync("/services/mysql/proxy/nope"), HttpStatusCode.NotFound, "service instance not found");
    }

    [Fact]
    public async Task Deleting_an_instance_streams_its_progress()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(tsuru, "db");

        var messages = await MessagesAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/db"));
        Assert.Equal(["service instance successfully removed\n"], messages);
        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/db"), HttpStatusCode.NotFound, "service instance not found");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.0/services/mysql")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.0/services/instances")).StatusCode);
    }
}
