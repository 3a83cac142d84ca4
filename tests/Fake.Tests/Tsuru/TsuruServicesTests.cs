using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruServiceSteps;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruServicesTests
{
    [Fact]
    public async Task The_seeded_mysql_service_is_listed_with_its_plans_and_doc()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        var list = await tsuru.GetAsync("/1.0/services");
        Assert.Equal("application/json", list.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1.0.1", list.Headers.GetValues("Supported-Tsuru").Single());
        var mysql = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.Equal("mysql", mysql["service"]!.GetValue<string>());
        Assert.Null(mysql["instances"]);
        Assert.Null(mysql["service_instances"]);

        var plans = JsonNode.Parse(await tsuru.GetStringAsync("/services/mysql/plans"))!.AsArray();
        Assert.Equal(["small", "large"], plans.Select(plan => plan!["Name"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(plans[0]!["Description"]!.GetValue<string>()));

        var doc = await tsuru.GetAsync("/1.0/services/mysql/doc");
        Assert.Equal("text/plain; charset=utf-8", doc.Content.Headers.ContentType!.ToString());
        Assert.Contains("MYSQL_HOST", await doc.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.0/services/mysql/doc", Form(("doc", "# MySQL\nUse it.")))).StatusCode);
        Assert.Equal("# MySQL\nUse it.", await tsuru.GetStringAsync("/services/mysql/doc"));

        var info = await tsuru.GetAsync("/1.0/services/mysql");
        Assert.Equal("null\n", await info.Content.ReadAsStringAsync());
        await AssertErrorAsync(await tsuru.GetAsync("/1.0/services/nope/plans"), HttpStatusCode.NotFound, "Service not found");
        await AssertErrorAsync(await foundation.Anonymous.GetAsync("/1.0/services"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header");
    }

    [Fact]
    public async Task A_service_is_created_validated_updated_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        var created = await tsuru.PostAsync("/1.0/services", Form(("id", "redis"), ("password", "pw"), ("endpoint", "http://redis-api"), ("team", "admin")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("success", await created.Content.ReadAsStringAsync());
        await AssertErrorAsync(await tsuru.PostAsync("/services", Form(("id", "redis"), ("password", "pw"), ("endpoint", "x"), ("team", "admin"))), HttpStatusCode.Conflict, "Service already exists.");
        await AssertErrorAsync(await tsuru.PostAsync("/services", Form(("password", "pw"), ("endpoint", "x"), ("team", "admin"))), HttpStatusCode.BadRequest, "Service id is required");
        await AssertErrorAsync(
            await tsuru.PostAsync("/services", Form(("id", "Bad_Id"), ("password", "pw"), ("endpoint", "x"), ("team", "admin"))),
            HttpStatusCode.BadRequest,
            "Invalid service id, should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        await AssertErrorAsync(await tsuru.PostAsync("/services", Form(("id", "memcached"), ("endpoint", "x"), ("team", "admin"))), HttpStatusCode.BadRequest, "Service password is required");
        await AssertErrorAsync(await tsuru.PostAsync("/services", Form(("id", "memcached"), ("password", "pw"), ("team", "admin"))), HttpStatusCode.BadRequest, "At least one endpoint is required");
        await AssertErrorAsync(await tsuru.PostAsync("/services", Form(("id", "memcached"), ("password", "pw"), ("endpoint", "x"))), HttpStatusCode.BadRequest,
            "You must provide a team responsible for this service in the manifest file.");
        await AssertErrorAsync(await tsuru.PostAsync("/services", Form(("id", "memcached"), ("password", "pw"), ("endpoint", "x"), ("team", "ghosts"))), HttpStatusCode.BadRequest,
            "Team owner doesn't exist");
        var json = new StringContent("""{"id":"kafka","password":"pw","endpoints":{"production":"http://kafka-api"},"team":"admin"}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.0/services", json)).StatusCode);

        var names = JsonNode.Parse(await tsuru.GetStringAsync("/services"))!.AsArray().Select(service => service!["service"]!.GetValue<string>());
        Assert.Equal(["mysql", "redis", "kafka"], names);

        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/redis", Form(("endpoint", "http://new"))), HttpStatusCode.BadRequest, "Service password is required");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.0/services/redis", Form(("endpoint", "http://new"), ("password", "pw2")))).StatusCode);
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/nope", Form(("password", "pw"))), HttpStatusCode.NotFound, "Service not found");

        await CreateInstanceAsync(tsuru, "db");
        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/mysql"), HttpStatusCode.Forbidden,
            "This service cannot be removed because it has instances.\nPlease remove these instances before removing the service.");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.0/services/redis")).StatusCode);
        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/redis"), HttpStatusCode.NotFound, "Service not found");
    }

    [Fact]
    public async Task Team_access_to_a_service_is_granted_and_revoked()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/teams", Form(("name", "devs")))).StatusCode);

        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/team/ghosts", null), HttpStatusCode.BadRequest, "Team not found");
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/mysql/team/admin", null), HttpStatusCode.Conflict, "This team already has access to this service");
        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/mysql/team/admin"), HttpStatusCode.Forbidden,
            "You can not revoke the access from this team, because it is the unique team with access to this service, and a service can not be orphaned");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.0/services/mysql/team/devs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/services/mysql/team/admin")).StatusCode);
        await AssertErrorAsync(await tsuru.PutAsync("/1.0/services/nope/team/devs", null), HttpStatusCode.NotFound, "Service not found");
    }

    [Fact]
    public async Task A_user_outside_the_owner_teams_cannot_provision_the_service()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await TsuruSession.LoginAsync(foundation);
        var member = await MemberAsync(foundation, admin, "dev@example.com");

        Assert.Equal(HttpStatusCode.NoContent, (await member.GetAsync("/1.0/services")).StatusCode);
        await AssertErrorAsync(await member.PutAsync("/1.0/services/mysql/doc", Form(("doc", "x"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await member.DeleteAsync("/1.0/services/mysql"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await member.PostAsync("/1.0/services", Form(("id", "mine"), ("password", "pw"), ("endpoint", "x"), ("team", "admin"))), HttpStatusCode.Forbidden,
            "You don't have permission to do this action");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/1.0/services/mysql/plans")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync("/teams", Form(("name", "devs")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync("/1.0/services", Form(("id", "mine"), ("password", "pw"), ("endpoint", "x")))).StatusCode);
        var own = JsonNode.Parse(await member.GetStringAsync("/1.0/services"))!.AsArray();
        Assert.Equal("mine", own.Single()!["service"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_service_proxy_answers_with_the_call_it_received_for_every_method()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            var response = await tsuru.SendAsync(new HttpRequestMessage(method, "/1.0/services/proxy/service/mysql?callback=/resources/plans"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(method.Method, body["method"]!.GetValue<string>());
            Assert.Equal("/resources/plans", body["path"]!.GetValue<string>());
        }

        await AssertErrorAsync(await tsuru.GetAsync("/services/proxy/service/nope"), HttpStatusCode.NotFound, "Service not found");
        Assert.Equal(HttpStatusCode.NotFound, (await tsuru.GetAsync("/1.13/services/proxy/service/mysql")).StatusCode);
    }
}
