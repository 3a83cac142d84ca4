using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruJobsTests
{
    private const string Nightly = """{"name":"nightly","pool":"default","schedule":"0 3 * * *","container":{"image":"tsuru/cleanup:1","command":["sh","-c","cleanup"]},"metadata":{"labels":[{"name":"tier","value":"batch"}]}}""";

    [Fact]
    public async Task A_job_is_created_listed_shown_updated_triggered_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);

        var created = await JsonAsync(tsuru.PostAsync("/1.13/jobs", Json(Nightly)), HttpStatusCode.Created);

        Assert.Equal("""{"jobName":"nightly","status":"success"}""", created.ToJsonString());
        var listed = (await JsonAsync(tsuru.GetAsync("/1.13/jobs"))).AsArray().Single()!;
        Assert.Equal(("admin", "admin@example.com", "c0.1m0.1"), (listed["teamOwner"]!.GetValue<string>(), listed["owner"]!.GetValue<string>(), listed["plan"]!["name"]!.GetValue<string>()));
        Assert.Equal(["sh", "-c", "cleanup"], listed["spec"]!["container"]!["command"]!.AsArray().Select(part => part!.GetValue<string>()));
        Assert.Equal("batch", listed["metadata"]!["labels"]![0]!["value"]!.GetValue<string>());

        var updated = await JsonAsync(tsuru.PutAsync("/1.13/jobs/nightly", Json("""{"manual":true,"description":"by hand"}""")), HttpStatusCode.Accepted);
        Assert.Equal(("* * 31 2 *", true, "by hand"), (updated["spec"]!["schedule"]!.GetValue<string>(), updated["spec"]!["manual"]!.GetValue<bool>(), updated["description"]!.GetValue<string>()));
        Assert.Equal("tsuru/cleanup:1", updated["spec"]!["container"]!["image"]!.GetValue<string>());

        Assert.Equal("""{"status":"success"}""", (await JsonAsync(tsuru.PostAsync("/1.13/jobs/nightly/trigger", null))).ToJsonString());
        var info = await JsonAsync(tsuru.GetAsync("/1.13/jobs/nightly"));
        Assert.Equal(("default", "nightly"), (info["cluster"]!.GetValue<string>(), info["job"]!["name"]!.GetValue<string>()));
        Assert.Single(info["units"]!.AsArray());
        await TextAsync(tsuru.GetAsync("/1.13/jobs/nightly/log"), HttpStatusCode.OK, "[]\n");

        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.13/jobs/nightly")).StatusCode);
        await TextAsync(tsuru.GetAsync("/1.13/jobs/nightly"), HttpStatusCode.NotFound, "Job nightly not found.\n");
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.13/jobs")).StatusCode);
    }

    [Fact]
    public async Task Job_inputs_are_validated_with_the_server_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.13/jobs", Json(Nightly))).EnsureSuccessStatusCode();

        await TextAsync(tsuru.PostAsync("/1.13/jobs", Json("""{"name":"a","pool":"default","manual":true,"schedule":"* * * * *"}""")), HttpStatusCode.Conflict, "you can't set schedule and manual job at the same time\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs", Json("""{"pool":"default","schedule":"* * * * *"}""")), HttpStatusCode.BadRequest, "tsuru failed to create job \"\": cronjob name can't be empty\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs", Json(Nightly)), HttpStatusCode.BadRequest, "tsuru failed to create job \"nightly\": a job with the same name already exists\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs", Json("""{"name":"a","schedule":"* * * * *"}""")), HttpStatusCode.BadRequest, "tsuru failed to create job \"a\": Pool does not exist.\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs", Json("""{"name":"a","pool":"default","plan":"huge","schedule":"* * * * *"}""")), HttpStatusCode.BadRequest, "tsuru failed to create job \"a\": plan not found\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs", Json("""{"name":"a","pool":"default","schedule":"61 * * * *"}""")), HttpStatusCode.BadRequest, "invalid schedule\n");
        await TextAsync(tsuru.PutAsync("/1.13/jobs/nightly", Json("""{"schedule":"every day"}""")), HttpStatusCode.BadRequest, "invalid schedule\n");
        await TextAsync(tsuru.PutAsync("/1.13/jobs/nope", Json("""{"schedule":"@daily"}""")), HttpStatusCode.NotFound, "Job nope not found.\n");
        await TextAsync(tsuru.GetAsync("/1.13/jobs/nightly/log?lines=many"), HttpStatusCode.BadRequest, "Parameter \"lines\" must be an integer.\n");
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.13/jobs", Form(("name", "hourly"), ("pool", "default"), ("schedule", "@every 1h30m")))).StatusCode);
    }

    [Fact]
    public async Task Jobs_of_other_teams_are_hidden_and_forbidden()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.13/jobs", Json(Nightly))).EnsureSuccessStatusCode();
        var member = await MemberAsync(foundation, tsuru, "dev@example.com", "devs");

        Assert.Equal(HttpStatusCode.NoContent, (await member.GetAsync("/1.13/jobs")).StatusCode);
        await TextAsync(member.GetAsync("/1.13/jobs/nightly"), HttpStatusCode.Forbidden, "You don't have permission to do this action\n");
        await TextAsync(member.PostAsync("/1.13/jobs", Json("""{"name":"mine","teamOwner":"admin","pool":"default","schedule":"@daily"}""")), HttpStatusCode.Forbidden, "You don't have permission to do this action\n");
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync("/1.13/jobs", Json("""{"name":"mine","pool":"default","schedule":"@daily"}"""))).StatusCode);
        Assert.Equal("devs", (await JsonAsync(member.GetAsync("/1.13/jobs")))[0]!["teamOwner"]!.GetValue<string>());
    }

    [Fact]
    public async Task Job_environment_is_set_pruned_read_and_unset()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.13/jobs", Json(Nightly))).EnsureSuccessStatusCode();

        var set = await StreamAsync(tsuru.PostAsync("/1.13/jobs/nightly/env", Json("""{"envs":[{"name":"A","value":"1"},{"name":"B","value":"2","private":true}],"managedBy":"terraform"}""")));
        Assert.Equal("---- Setting 2 new environment variables ----\n", set.Single()["Message"]!.GetValue<string>());
        var pruned = await StreamAsync(tsuru.PostAsync("/1.13/jobs/nightly/env", Json("""{"envs":[{"name":"A","value":"3"}],"managedBy":"terraform","pruneUnused":true}""")));
        Assert.Equal("---- Pruning B from environment variables ----\n", pruned[1]["Message"]!.GetValue<string>());

        var env = await JsonAsync(tsuru.GetAsync("/1.16/jobs/nightly/env"));
        Assert.Equal("""[{"name":"A","value":"3","alias":"","public":true,"managedBy":"terraform"}]""", env.ToJsonString());
        Assert.Equal("---- Unsetting 1 environment variables ----\n", (await StreamAsync(tsuru.DeleteAsync("/1.13/jobs/nightly/env?env=A"))).Single()["Message"]!.GetValue<string>());
        await TextAsync(tsuru.GetAsync("/1.16/jobs/nightly/env"), HttpStatusCode.OK, "null\n");

        await TextAsync(tsuru.PostAsync("/1.13/jobs/nightly/env", Json("{}")), HttpStatusCode.BadRequest, "You must provide the list of environment variables\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs/nightly/env", Json("""{"envs":[{"name":"A","value":"1"}],"pruneUnused":true}""")), HttpStatusCode.BadRequest, "Prune unused requires a managed-by value\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs/nightly/env", Json("""{"envs":[{"name":"TSURU_APPNAME","value":"1"}]}""")), HttpStatusCode.BadRequest, "There were errors validating environment variables: cannot change an internal environment variable (TSURU_APPNAME): write-protected environment variable\n");
        await TextAsync(tsuru.DeleteAsync("/1.13/jobs/nightly/env"), HttpStatusCode.BadRequest, "You must provide the list of environment variables.\n");
        await TextAsync(tsuru.PostAsync("/1.13/jobs/nope/env", Json("""{"envs":[{"name":"A","value":"1"}]}""")), HttpStatusCode.NotFound, "Job nope not found.\n");
    }
}
