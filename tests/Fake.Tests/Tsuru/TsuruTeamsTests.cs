using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruTeamsTests
{
    [Fact]
    public async Task Teams_are_renamed_with_their_apps_pools_and_roles()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/teams", Form(("name", "devs"), ("tag", "a")));
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "devs")));
        await admin.PostAsync("/pools/default/team", Form(("team", "devs")));
        await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/roles", Form(("name", "member"), ("context", "team")));
        await admin.PostAsync("/roles/member/user", Form(("email", "bob@example.com"), ("context", "devs")));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.6/teams/devs", TestFoundation.Json("{\"newname\":\"builders\",\"tags\":[\"b\",\"c\"]}"))).StatusCode);

        await AssertErrorAsync(await admin.GetAsync("/1.4/teams/devs"), HttpStatusCode.NotFound, "team not found");
        var team = await JsonAsync(await admin.GetAsync("/1.4/teams/builders"));
        Assert.Equal(["b", "c"], team["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
        Assert.Equal("web", team["apps"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("builders", (await JsonAsync(await admin.GetAsync("/apps/web")))["teamowner"]!.GetValue<string>());
        Assert.Equal("builders", (await JsonAsync(await admin.GetAsync("/users?userEmail=bob@example.com")))[0]!["Roles"]![0]!["ContextValue"]!.GetValue<string>());
        Assert.Equal("bob@example.com", (await JsonAsync(await admin.GetAsync("/1.17/teams/builders/users")))[0]!["email"]!.GetValue<string>());
        Assert.Contains("builders", (await JsonAsync(await admin.GetAsync("/pools/default")))["teams"]!.AsArray().Select(name => name!.GetValue<string>()));
    }

    [Fact]
    public async Task Team_info_lists_the_pools_naming_the_team_as_Go_pool_objects()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/teams", Form(("name", "devs")));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/pools", Form(("name", "gpu"), ("labels.zone", "east")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/pools", Form(("name", "spare")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/pools/gpu/team", Form(("team", "devs")))).StatusCode);

        var team = await JsonAsync(await admin.GetAsync("/1.4/teams/devs"));

        Assert.Equal("""[{"Name":"gpu","Default":false,"Provisioner":"kubernetes","Labels":{"zone":"east"}}]""", team["pools"]!.ToJsonString());
    }

    [Fact]
    public async Task Team_updates_change_tags_and_validate()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/teams", Form(("name", "devs")));
        await admin.PostAsync("/teams", Form(("name", "ops")));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.4/teams/devs", Form(("tag", "x"), ("tag", "y")))).StatusCode);
        Assert.Equal(["x", "y"], (await JsonAsync(await admin.GetAsync("/teams/devs")))["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
        await AssertErrorAsync(await admin.PutAsync("/teams/ghosts", Form(("tag", "x"))), HttpStatusCode.NotFound, "team not found");
        await AssertErrorAsync(await admin.PutAsync("/teams/devs", Form(("newname", "ops"))), HttpStatusCode.Conflict, "team already exists");
        await AssertErrorAsync(await admin.PutAsync("/teams/devs", Form(("newname", "X"))), HttpStatusCode.BadRequest, "Invalid team name, team names should start with a letter andcontain only lower case letters, numbers, dashes, underscore and @.");
        await AssertErrorAsync(await bob.PutAsync("/teams/devs", Form(("tag", "z"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
    }

    [Fact]
    public async Task Team_quota_counts_owned_apps()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin")));

        var quota = await JsonAsync(await admin.GetAsync("/1.12/teams/admin/quota"));
        Assert.Equal(-1, quota["limit"]!.GetValue<int>());
        Assert.Equal(1, quota["inuse"]!.GetValue<int>());
        await AssertErrorAsync(await admin.PutAsync("/1.12/teams/admin/quota", Form(("limit", "0"))), HttpStatusCode.Forbidden, "New limit is less than the current allocated value");
        await AssertErrorAsync(await admin.PutAsync("/teams/admin/quota", Form(("limit", "many"))), HttpStatusCode.BadRequest, "Invalid limit");
        await AssertErrorAsync(await admin.GetAsync("/teams/ghosts/quota"), HttpStatusCode.NotFound, "team not found");
        await AssertErrorAsync(await bob.PutAsync("/teams/admin/quota", Form(("limit", "5"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.12/teams/admin/quota", Form(("limit", "5")))).StatusCode);
        Assert.Equal(5, (await JsonAsync(await admin.GetAsync("/teams/admin/quota")))["limit"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/teams/admin/quota", Form(("limit", "1")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/apps", Form(("name", "api"), ("teamOwner", "admin"))), HttpStatusCode.Forbidden, "Quota exceeded");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/teams/admin/quota", Form(("limit", "-7")))).StatusCode);
        Assert.Equal(-1, (await JsonAsync(await admin.GetAsync("/teams/admin/quota")))["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Team_members_and_groups_need_a_visible_team()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        Assert.Empty((await JsonAsync(await admin.GetAsync("/1.17/teams/admin/users"))).AsArray());
        await AssertErrorAsync(await admin.GetAsync("/1.17/teams/ghosts/users"), HttpStatusCode.NotFound, "team not found");
        await AssertErrorAsync(await bob.GetAsync("/1.17/teams/admin/users"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await bob.GetAsync("/1.17/teams/admin/groups"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
    }
}
