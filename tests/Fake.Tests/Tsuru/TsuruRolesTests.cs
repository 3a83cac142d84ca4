using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruRolesTests
{
    [Fact]
    public async Task Roles_are_created_listed_given_permissions_and_removed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/1.0/roles", Form(("name", "deployer"), ("context", "team"), ("description", "deploys apps")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/roles", Form(("name", "deployer"), ("context", "team"))), HttpStatusCode.Conflict, "role already exists");
        await AssertErrorAsync(await admin.PostAsync("/roles", Form(("name", " "), ("context", "team"))), HttpStatusCode.BadRequest, "invalid role name");
        await AssertErrorAsync(await admin.PostAsync("/roles", Form(("name", "x"), ("context", "galaxy"))), HttpStatusCode.BadRequest, "invalid context type \"galaxy\"");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.0/roles/deployer/permissions", Form(("permission", "app.deploy"), ("permission", "app.read")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/roles/deployer/permissions", Form(("permission", "app.nope"))), HttpStatusCode.BadRequest, "permission named \"app.nope\" not found");
        await AssertErrorAsync(await admin.PostAsync("/roles/deployer/permissions", Form(("permission", "pool.create"))), HttpStatusCode.Conflict, "permission \"pool.create\" not allowed with context of type \"team\"");
        await AssertErrorAsync(await admin.PostAsync("/roles/deployer/permissions", Form(("permission", ""))), HttpStatusCode.BadRequest, "invalid permission name");

        var info = await JsonAsync(await admin.GetAsync("/1.0/roles/deployer"));
        Assert.Equal("team", info["context"]!.GetValue<string>());
        Assert.Equal("deploys apps", info["Description"]!.GetValue<string>());
        Assert.Equal(["app.deploy", "app.read"], info["scheme_names"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal("application/json", (await admin.GetAsync("/roles")).Content.Headers.ContentType!.MediaType);
        var roles = await JsonAsync(await admin.GetAsync("/1.0/roles"));
        Assert.Equal(["AllowAll", "deployer"], roles.AsArray().Select(role => role!["name"]!.GetValue<string>()).Order());

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/roles/deployer/permissions/app.read")).StatusCode);
        Assert.Equal(["app.deploy"], (await JsonAsync(await admin.GetAsync("/roles/deployer")))["scheme_names"]!.AsArray().Select(name => name!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/roles/deployer")).StatusCode);
        await AssertErrorAsync(await admin.GetAsync("/roles/deployer"), HttpStatusCode.NotFound, "role not found");
        await AssertErrorAsync(await admin.DeleteAsync("/roles/deployer"), HttpStatusCode.NotFound, "role not found");
    }

    [Fact]
    public async Task Assigned_roles_show_in_users_and_give_team_access_until_dissociated()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/teams", Form(("name", "devs")));
        await admin.PostAsync("/roles", Form(("name", "member"), ("context", "team")));
        await admin.PostAsync("/roles/member/permissions", Form(("permission", "app")));
        Assert.Equal(HttpStatusCode.NoContent, (await bob.GetAsync("/teams")).StatusCode);

        await AssertErrorAsync(await admin.PostAsync("/roles/member/user", Form(("email", "bob@example.com"))), HttpStatusCode.BadRequest, "Global context value is not valid for role with context type team");
        await AssertErrorAsync(await admin.PostAsync("/roles/member/user", Form(("email", "bob@example.com"), ("context", "ops"))), HttpStatusCode.BadRequest, "team not found");
        await AssertErrorAsync(await admin.PostAsync("/roles/member/user", Form(("email", "who@example.com"), ("context", "devs"))), HttpStatusCode.NotFound, "user not found");
        await AssertErrorAsync(await admin.PostAsync("/roles/ghost/user", Form(("email", "bob@example.com"), ("context", "devs"))), HttpStatusCode.NotFound, "role not found");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.0/roles/member/user", Form(("email", "bob@example.com"), ("context", "devs")))).StatusCode);

        var me = await JsonAsync(await bob.GetAsync("/users/info"));
        Assert.Equal("member", me["Roles"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("team", me["Roles"]![0]!["ContextType"]!.GetValue<string>());
        Assert.Equal("devs", me["Roles"]![0]!["ContextValue"]!.GetValue<string>());
        Assert.Equal("app", me["Permissions"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("devs", (await JsonAsync(await bob.GetAsync("/teams")))[0]!["name"]!.GetValue<string>());
        var filtered = await JsonAsync(await admin.GetAsync("/users?role=member&context=devs"));
        Assert.Equal("bob@example.com", filtered.AsArray().Single()!["Email"]!.GetValue<string>());
        await AssertErrorAsync(await admin.GetAsync("/users?role=member&context=ops"), HttpStatusCode.NotFound, "Wrong context being passed.");
        var members = await JsonAsync(await admin.GetAsync("/1.17/teams/devs/users"));
        Assert.Equal("bob@example.com", members[0]!["email"]!.GetValue<string>());
        Assert.Equal("member", members[0]!["roles"]![0]!.GetValue<string>());

        await AssertErrorAsync(await admin.DeleteAsync("/roles/member"), HttpStatusCode.PreconditionFailed, "role has users assigned. you must dissociate them before remove the role.");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/roles/member/user/bob@example.com?context=devs")).StatusCode);
        Assert.Empty((await JsonAsync(await bob.GetAsync("/users/info")))["Roles"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await bob.GetAsync("/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/roles/member")).StatusCode);
    }

    [Fact]
    public async Task Role_management_is_for_admins_only()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        await AssertErrorAsync(await bob.GetAsync("/roles"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await bob.PostAsync("/roles", Form(("name", "x"), ("context", "global"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await bob.GetAsync("/permissions"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await foundation.Anonymous.GetAsync("/roles"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header");

        await admin.PostAsync("/roles", Form(("name", "root"), ("context", "global")));
        await admin.PostAsync("/roles/root/permissions", Form(("permission", "*")));
        await admin.PostAsync("/roles/root/user", Form(("email", "bob@example.com")));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/roles")).StatusCode);
    }

    [Fact]
    public async Task Roles_are_updated_renamed_everywhere_and_validated()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/roles", Form(("name", "viewer"), ("context", "global")));
        await admin.PostAsync("/roles/viewer/user", Form(("email", "bob@example.com")));

        await AssertErrorAsync(await admin.PutAsync("/1.4/roles", Form(("name", "viewer"))), HttpStatusCode.BadRequest, "Neither the description, context or new name were set. You must define at least one.");
        await AssertErrorAsync(await admin.PutAsync("/roles", Form(("name", "ghost"), ("description", "x"))), HttpStatusCode.BadRequest, "role not found");
        await AssertErrorAsync(await admin.PutAsync("/roles", Form(("name", "viewer"), ("contextType", "moon"))), HttpStatusCode.BadRequest, "invalid context type \"moon\"");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.0/roles", Form(("name", "viewer"), ("newName", "reader"), ("description", "reads")))).StatusCode);

        var reader = await JsonAsync(await admin.GetAsync("/roles/reader"));
        Assert.Equal("reads", reader["Description"]!.GetValue<string>());
        var bob = await JsonAsync(await admin.GetAsync("/users?userEmail=bob@example.com"));
        Assert.Equal("reader", bob[0]!["Roles"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/roles/viewer")).StatusCode);
    }

    [Fact]
    public async Task Default_roles_are_given_on_user_and_team_creation()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/roles", Form(("name", "newcomer"), ("context", "global")));
        await admin.PostAsync("/roles", Form(("name", "team-owner"), ("context", "team")));

        await AssertErrorAsync(await admin.PostAsync("/role/default", Form(("team-create", "newcomer"))), HttpStatusCode.BadRequest, "wrong context type for role event, expected \"team\" role has \"global\"");
        await AssertErrorAsync(await admin.PostAsync("/role/default", Form(("user-create", "ghost"))), HttpStatusCode.BadRequest, "role not found");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.0/role/default", Form(("user-create", "newcomer"), ("team-create", "team-owner")))).StatusCode);
        var defaults = await JsonAsync(await admin.GetAsync("/1.0/role/default"));
        Assert.Equal(["newcomer", "team-owner"], defaults.AsArray().Select(role => role!["name"]!.GetValue<string>()).Order());
        Assert.Equal("user-create", defaults.AsArray().Single(role => role!["name"]!.GetValue<string>() == "newcomer")!["events"]![0]!.GetValue<string>());

        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        Assert.Equal("newcomer", (await JsonAsync(await bob.GetAsync("/users/info")))["Roles"]![0]!["Name"]!.GetValue<string>());
        await bob.PostAsync("/teams", Form(("name", "bobs")));
        var roles = (await JsonAsync(await bob.GetAsync("/users/info")))["Roles"]!.AsArray();
        Assert.Contains(roles, role => role!["Name"]!.GetValue<string>() == "team-owner" && role["ContextValue"]!.GetValue<string>() == "bobs");

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/role/default?user-create=newcomer")).StatusCode);
        Assert.Equal("team-owner", (await JsonAsync(await admin.GetAsync("/role/default"))).AsArray().Single()!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Permissions_tree_lists_every_permission_with_its_contexts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);

        var permissions = (await JsonAsync(await admin.GetAsync("/1.0/permissions"))).AsArray();
        Assert.Equal(string.Empty, permissions[0]!["Name"]!.GetValue<string>());
        Assert.Equal(["global"], permissions[0]!["Contexts"]!.AsArray().Select(context => context!.GetValue<string>()));
        var create = permissions.Single(permission => permission!["Name"]!.GetValue<string>() == "app.create")!;
        Assert.Equal(["global", "team"], create["Contexts"]!.AsArray().Select(context => context!.GetValue<string>()));
        Assert.True(permissions.Count > 200);
    }

    [Fact]
    public async Task Roles_are_assigned_to_team_tokens_and_groups()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/roles", Form(("name", "ci"), ("context", "team")));
        await admin.PostAsync("/roles/ci/permissions", Form(("permission", "app.deploy")));
        await admin.PostAsync("/1.6/tokens", Form(("token_id", "admin-ci"), ("team", "admin")));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.6/roles/ci/token", Form(("token_id", "admin-ci"), ("context", "admin")))).StatusCode);
        var token = await JsonAsync(await admin.GetAsync("/1.7/tokens/admin-ci"));
        Assert.Equal("ci", token["roles"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("admin", token["roles"]![0]!["ContextValue"]!.GetValue<string>());
        var missing = await admin.PostAsync("/roles/ci/token", Form(("token_id", "nope"), ("context", "admin")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.6/roles/ci/token/admin-ci?context=admin")).StatusCode);
        Assert.Null((await JsonAsync(await admin.GetAsync("/tokens/admin-ci")))["roles"]);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/1.9/roles/ci/group", Form(("group_name", "sre"), ("context", "admin")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/roles/ci/group", Form(("group_name", ""), ("context", "admin"))), HttpStatusCode.BadRequest, "group name cannot be empty");
        var groups = await JsonAsync(await admin.GetAsync("/1.17/teams/admin/groups"));
        Assert.Equal("sre", groups[0]!["group"]!.GetValue<string>());
        Assert.Equal("ci", groups[0]!["roles"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.9/roles/ci/group/sre?context=admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.6/roles/ci/group/sre?context=admin")).StatusCode);
        Assert.Empty((await JsonAsync(await admin.GetAsync("/teams/admin/groups"))).AsArray());
    }
}
