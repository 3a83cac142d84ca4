using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruServiceSteps;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruServiceBindsTests
{
    private static async Task<Dictionary<string, string>> EnvAsync(HttpClient tsuru, string app) =>
        JsonNode.Parse(await tsuru.GetStringAsync($"/1.0/apps/{app}/env"))!.AsArray()
            .ToDictionary(variable => variable!["name"]!.GetValue<string>(), variable => variable!["value"]!.GetValue<string>());

    [Fact]
    public async Task Binding_streams_progress_and_gives_the_app_the_instance_variables()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateAppAsync(tsuru, "web");
        await CreateInstanceAsync(tsuru, "db");
        Assert.Equal("{}", (await EnvAsync(tsuru, "web"))["TSURU_SERVICES"]);

        var messages = await MessagesAsync(await tsuru.PutAsync("/1.0/services/mysql/instances/db/web", Form(("noRestart", "true"))));
        Assert.Equal(
            [
                "---- Setting 3 new environment variables ----\n",
                "\nInstance \"db\" is now bound to the app \"web\".\n",
                "The following environment variables are available for use in your app:\n\n",
                "- MYSQL_HOST\n",
                "- MYSQL_INSTANCE_NAME\n",
                "- TSURU_SERVICES\n",
            ],
            messages);

        var env = await EnvAsync(tsuru, "web");
        Assert.Equal("db.mysql.services.tsuru.example.org", env["MYSQL_HOST"]);
        Assert.Equal("db", env["MYSQL_INSTANCE_NAME"]);
        var services = JsonNode.Parse(env["TSURU_SERVICES"])!;
        Assert.Equal("db", services["mysql"]![0]!["instance_name"]!.GetValue<string>());
        Assert.Equal("db", services["mysql"]![0]!["envs"]!["MYSQL_INSTANCE_NAME"]!.GetValue<string>());

        var bind = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web"))!["serviceInstanceBinds"]![0]!;
        Assert.Equal("mysql", bind["service"]!.GetValue<string>());
        Assert.Equal("db", bind["instance"]!.GetValue<string>());
        Assert.Equal("small", bind["plan"]!.GetValue<string>());
        Assert.Equal(["web"], JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql/instances/db"))!["Apps"]!.AsArray().Select(app => app!.GetValue<string>()));
        var listed = JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/instances?app=web"))![0]!;
        Assert.Equal(["db"], listed["instances"]!.AsArray().Select(name => name!.GetValue<string>()));

        await AssertErrorAsync(await tsuru.PutAsync("/1.13/services/mysql/instances/db/apps/web", null), HttpStatusCode.BadRequest,
            "app is already bound to this service instance (\"db\" is up)");
    }

    [Fact]
    public async Task Unbinding_removes_the_variables_and_restarts_an_app_with_units()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateAppAsync(tsuru, "web");
        await CreateInstanceAsync(tsuru, "db");
        (await tsuru.PutAsync("/apps/web/units", Form(("units", "1")))).EnsureSuccessStatusCode();

        var bound = await MessagesAsync(await tsuru.PutAsync("/1.13/services/mysql/instances/db/apps/web", null));
        Assert.Equal("---- Restarting the app \"web\" ----\n", bound[1]);

        var messages = await MessagesAsync(await tsuru.DeleteAsync("/1.13/services/mysql/instances/db/apps/web?noRestart=true"));
        Assert.Equal(["---- Unsetting 2 environment variables ----\n", "\nInstance \"db\" is not bound to the app \"web\" anymore.\n"], messages);
        var env = await EnvAsync(tsuru, "web");
        Assert.False(env.ContainsKey("MYSQL_HOST"));
        Assert.Equal("{}", env["TSURU_SERVICES"]);
        Assert.Empty(JsonNode.Parse(await tsuru.GetStringAsync("/1.0/apps/web"))!["serviceInstanceBinds"]!.AsArray());

        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/db/web"), HttpStatusCode.BadRequest, "app is not bound to this service instance");
    }

    [Fact]
    public async Task Bind_errors_check_the_app_first_then_the_instance_then_permissions()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await TsuruSession.LoginAsync(foundation);
        await CreateAppAsync(admin, "web");
        await CreateInstanceAsync(admin, "db");
        var member = await MemberAsync(foundation, admin, "dev@example.com");

        await AssertErrorAsync(await admin.PutAsync("/1.0/services/mysql/instances/nope/ghost", null), HttpStatusCode.NotFound, "App ghost not found.");
        await AssertErrorAsync(await admin.PutAsync("/1.0/services/mysql/instances/nope/web", null), HttpStatusCode.NotFound, "service instance not found");
        await AssertErrorAsync(await member.PutAsync("/1.0/services/mysql/instances/db/web", null), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await foundation.Anonymous.PutAsync("/1.0/services/mysql/instances/db/web", null), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/1.13/services/mysql/instances/db/web", null)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_bound_instance_needs_unbindall_which_unbinds_every_app()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateAppAsync(tsuru, "web");
        await CreateAppAsync(tsuru, "worker");
        await CreateInstanceAsync(tsuru, "db");
        (await tsuru.PutAsync("/1.0/services/mysql/instances/db/web", Form(("noRestart", "true")))).EnsureSuccessStatusCode();
        (await tsuru.PutAsync("/1.0/services/mysql/instances/db/worker", Form(("noRestart", "true")))).EnsureSuccessStatusCode();

        await AssertErrorAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/db?unbindall=false"), HttpStatusCode.BadRequest,
            "Applications bound to the service \"db\": \"web,worker\"\n: This service instance is bound to at least one app. Unbind them before removing it");
        var messages = await MessagesAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/db?unbindall=true"));
        Assert.Equal(
            [
                "Unbind app \"web\" ...\n",
                "---- Unsetting 2 environment variables ----\n",
                "\nInstance \"db\" is not bound to the app \"web\" anymore.\n",
                "Unbind app \"worker\" ...\n",
                "---- Unsetting 2 environment variables ----\n",
                "\nInstance \"db\" is not bound to the app \"worker\" anymore.\n",
                "service instance successfully removed\n",
            ],
            messages);
        Assert.Equal("{}", (await EnvAsync(tsuru, "worker"))["TSURU_SERVICES"]);
    }

    [Fact]
    public async Task Removing_an_app_drops_it_from_its_instances()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateAppAsync(tsuru, "web");
        await CreateInstanceAsync(tsuru, "db");
        (await tsuru.PutAsync("/1.0/services/mysql/instances/db/web", null)).EnsureSuccessStatusCode();

        (await tsuru.DeleteAsync("/apps/web")).EnsureSuccessStatusCode();
        Assert.Empty(JsonNode.Parse(await tsuru.GetStringAsync("/1.0/services/mysql/instances/db"))!["Apps"]!.AsArray());
        Assert.Equal(["service instance successfully removed\n"], await MessagesAsync(await tsuru.DeleteAsync("/1.0/services/mysql/instances/db")));
    }

    [Fact]
    public async Task Job_binds_answer_the_server_texts_for_unknown_jobs_and_instances()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(tsuru, "db");

        await AssertErrorAsync(await tsuru.PutAsync("/1.13/services/mysql/instances/nope/jobs/nightly", null), HttpStatusCode.NotFound, "service instance not found");
        await AssertErrorAsync(await tsuru.PutAsync("/1.13/services/mysql/instances/db/jobs/nightly", null), HttpStatusCode.NotFound, "Job nightly not found.");
        await AssertErrorAsync(await tsuru.DeleteAsync("/services/mysql/instances/db/jobs/nightly"), HttpStatusCode.NotFound, "Job nightly not found.");
        await AssertErrorAsync(await foundation.Anonymous.DeleteAsync("/1.13/services/mysql/instances/db/jobs/nightly"), HttpStatusCode.Unauthorized,
            "You must provide a valid Authorization header");
    }

    [Fact]
    public async Task An_instance_binds_to_an_existing_job_once_and_unbinds_from_it()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        await CreateInstanceAsync(tsuru, "db");
        (await tsuru.PostAsync("/1.13/jobs", TsuruExpect.Json("""{"name":"nightly","pool":"default","schedule":"0 3 * * *","container":{"image":"busybox","command":["true"]}}"""))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.13/services/mysql/instances/db/jobs/nightly", null)).StatusCode);
        await AssertErrorAsync(await tsuru.PutAsync("/1.13/services/mysql/instances/db/jobs/nightly", null), HttpStatusCode.BadRequest,
            "job is already bound to this service instance (\"db\" is up)");
        Assert.Equal(["\nInstance \"db\" is not bound to the job \"nightly\" anymore.\n"], await MessagesAsync(await tsuru.DeleteAsync("/1.13/services/mysql/instances/db/jobs/nightly")));
    }
}
