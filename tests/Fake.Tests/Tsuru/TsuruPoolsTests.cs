using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruPoolsTests
{
    [Fact]
    public async Task Pools_are_created_shown_updated_and_removed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/pools", Form(("name", "gpu"), ("labels.zone", "east")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/pools", Form(("name", "gpu"))), HttpStatusCode.Conflict, "Pool already exists.");
        await AssertErrorAsync(await admin.PostAsync("/pools", Form(("name", ""))), HttpStatusCode.BadRequest, "Pool name is required.");
        await AssertErrorAsync(await admin.PostAsync("/pools", Form(("name", "Big_Pool"))), HttpStatusCode.BadRequest, "Invalid pool name, pool name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        await AssertErrorAsync(await admin.PostAsync("/pools", Form(("name", "other"), ("default", "true"))), HttpStatusCode.Conflict, "Default pool already exists.");

        var gpu = await JsonAsync(await admin.GetAsync("/1.8/pools/gpu"));
        Assert.Equal("gpu", gpu["name"]!.GetValue<string>());
        Assert.Equal("east", gpu["labels"]!["zone"]!.GetValue<string>());
        Assert.False(gpu["public"]!.GetValue<bool>());
        Assert.Equal("kubernetes", gpu["provisioner"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/1.0/pools/gpu")).StatusCode);
        await AssertErrorAsync(await admin.GetAsync("/1.8/pools/ghost"), HttpStatusCode.NotFound, "Pool does not exist.");

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.0/pools/gpu", Form(("default", "true"), ("force", "true")))).StatusCode);
        var pools = (await JsonAsync(await admin.GetAsync("/pools"))).AsArray();
        Assert.Equal("gpu", pools.Single(pool => pool!["default"]!.GetValue<bool>())!["name"]!.GetValue<string>());
        Assert.True(pools.Single(pool => pool!["name"]!.GetValue<string>() == "gpu")!["public"]!.GetValue<bool>());
        await AssertErrorAsync(await admin.PutAsync("/pools/default", Form(("default", "true"))), HttpStatusCode.Conflict, "Default pool already exists.");
        await AssertErrorAsync(await admin.PutAsync("/pools/ghost", Form(("public", "true"))), HttpStatusCode.NotFound, "Pool does not exist.");

        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin"), ("pool", "gpu")));
        await AssertErrorAsync(await admin.DeleteAsync("/pools/gpu"), HttpStatusCode.Forbidden, "This pool has apps, you need to migrate or remove them before removing the pool");
        await admin.DeleteAsync("/apps/web");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/pools/gpu")).StatusCode);
        await AssertErrorAsync(await admin.DeleteAsync("/pools/gpu"), HttpStatusCode.NotFound, "Pool does not exist.");
    }

    [Fact]
    public async Task Pool_teams_decide_who_sees_a_private_pool()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await bob.PostAsync("/teams", Form(("name", "bobs")));
        await admin.PostAsync("/pools", Form(("name", "private")));
        await AssertErrorAsync(await bob.GetAsync("/1.8/pools/private"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await bob.PostAsync("/pools", Form(("name", "mine"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");

        await AssertErrorAsync(await admin.PostAsync("/pools/private/team", Form(("x", "y"))), HttpStatusCode.BadRequest, "You must provide the team.");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.0/pools/private/team", Form(("team", "bobs")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/pools/private/team", Form(("team", "bobs"))), HttpStatusCode.Conflict, "Team already exists in pool.");
        await AssertErrorAsync(await admin.PostAsync("/pools/ghost/team", Form(("team", "bobs"))), HttpStatusCode.NotFound, "Pool does not exist.");
        var seen = await JsonAsync(await bob.GetAsync("/1.8/pools/private"));
        Assert.Equal(["bobs"], seen["teams"]!.AsArray().Select(team => team!.GetValue<string>()));
        Assert.Equal(["bobs"], seen["allowed"]!["team"]!.AsArray().Select(team => team!.GetValue<string>()));

        await AssertErrorAsync(await admin.DeleteAsync("/pools/private/team"), HttpStatusCode.BadRequest, "You must provide the team");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/pools/private/team?team=bobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/pools/private")).StatusCode);
    }

    [Fact]
    public async Task Constraints_are_listed_and_set_by_admins()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/pools", Form(("name", "edge")));

        await AssertErrorAsync(await admin.PutAsync("/1.3/constraints", Form(("field", "router"))), HttpStatusCode.BadRequest, "You must provide a Pool Expression");
        await AssertErrorAsync(await admin.PutAsync("/1.3/constraints", Form(("poolExpr", "edge"), ("field", "color"))), HttpStatusCode.BadRequest, "invalid constraint type. Valid types are: [team service router plan volume-plan]");
        await AssertErrorAsync(await bob.GetAsync("/1.3/constraints"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.3/constraints", Form(("poolExpr", "edge"), ("field", "router"), ("values", "ingress")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/constraints", Form(("poolExpr", "edge"), ("field", "router"), ("values", "traefik"), ("append", "true")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/constraints", Form(("poolExpr", "edge"), ("field", "team"), ("values", "admin")))).StatusCode);

        var constraints = (await JsonAsync(await admin.GetAsync("/1.3/constraints"))).AsArray();
        var router = constraints.Single(constraint => constraint!["PoolExpr"]!.GetValue<string>() == "edge" && constraint["Field"]!.GetValue<string>() == "router")!;
        Assert.Equal(["ingress", "traefik"], router["Values"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.False(router["Blacklist"]!.GetValue<bool>());
        var defaultTeams = constraints.Single(constraint => constraint!["PoolExpr"]!.GetValue<string>() == "default")!;
        Assert.Equal(["*"], defaultTeams["Values"]!.AsArray().Select(value => value!.GetValue<string>()));
        var edge = await JsonAsync(await admin.GetAsync("/pools/edge"));
        Assert.Equal(["admin"], edge["teams"]!.AsArray().Select(team => team!.GetValue<string>()));
        Assert.Equal(["ingress", "traefik"], edge["allowed"]!["router"]!.AsArray().Select(value => value!.GetValue<string>()));
    }
}
