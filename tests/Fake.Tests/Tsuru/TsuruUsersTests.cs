using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruUsersTests
{
    [Fact]
    public async Task Users_list_shows_roles_and_non_admins_only_see_themselves()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        var all = await JsonAsync(await admin.GetAsync("/1.0/users"));
        Assert.Equal(["admin@example.com", "bob@example.com"], all.AsArray().Select(user => user!["Email"]!.GetValue<string>()).Order());
        var root = all.AsArray().Single(user => user!["Email"]!.GetValue<string>() == "admin@example.com")!;
        Assert.Equal("AllowAll", root["Roles"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("global", root["Permissions"]![0]!["ContextType"]!.GetValue<string>());
        Assert.Equal(string.Empty, root["Permissions"]![0]!["Name"]!.GetValue<string>());
        Assert.Empty(root["Groups"]!.AsArray());
        var own = await JsonAsync(await bob.GetAsync("/users"));
        Assert.Equal("bob@example.com", own.AsArray().Single()!["Email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Users_are_removed_by_themselves_or_by_admins()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await NewUserAsync(foundation, admin, "eve@example.com");

        await AssertErrorAsync(await bob.DeleteAsync("/users?user=eve@example.com"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await admin.DeleteAsync("/users?user=who@example.com"), HttpStatusCode.NotFound, "user not found");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/users?user=eve@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.DeleteAsync("/1.0/users")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetAsync("/users/info")).StatusCode);
        await AssertErrorAsync(await foundation.Anonymous.PostAsync("/users/bob@example.com/tokens", Form(("password", "secret1"))), HttpStatusCode.NotFound, "user not found");
        Assert.Equal("admin@example.com", (await JsonAsync(await admin.GetAsync("/users"))).AsArray().Single()!["Email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logging_out_ends_only_the_session_whose_token_was_sent()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        var otherSession = await LoginAsync(foundation, "bob@example.com", "secret1");

        Assert.Equal(HttpStatusCode.OK, (await bob.DeleteAsync("/1.0/users/tokens")).StatusCode);

        await AssertErrorAsync(await bob.GetAsync("/1.0/users/info"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header");
        await AssertErrorAsync(await bob.DeleteAsync("/users/tokens"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header");
        Assert.Equal("bob@example.com", (await JsonAsync(await otherSession.GetAsync("/1.0/users/info")))["Email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/1.0/users/info")).StatusCode);
    }

    [Fact]
    public async Task Passwords_are_changed_with_the_old_one_and_reset_by_token()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        await AssertErrorAsync(await bob.PutAsync("/users/password", Form(("old", "secret1"))), HttpStatusCode.BadRequest, "Both the old and the new passwords are required.");
        await AssertErrorAsync(await bob.PutAsync("/users/password", Form(("old", "secret1"), ("new", "secret2"), ("confirm", "other"))), HttpStatusCode.BadRequest, "New password and password confirmation didn't match.");
        await AssertErrorAsync(await bob.PutAsync("/users/password", Form(("old", "wrong1"), ("new", "secret2"), ("confirm", "secret2"))), HttpStatusCode.Forbidden, "the given password didn't match the user's current password");
        await AssertErrorAsync(await bob.PutAsync("/users/password", Form(("old", "secret1"), ("new", "abc"), ("confirm", "abc"))), HttpStatusCode.BadRequest, "password length should be least 6 characters and at most 50 characters");
        Assert.Equal(HttpStatusCode.OK, (await bob.PutAsync("/1.0/users/password", Form(("old", "secret1"), ("new", "secret2"), ("confirm", "secret2")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await foundation.Anonymous.PostAsync("/users/bob@example.com/tokens", Form(("password", "secret1")))).StatusCode);
        await LoginAsync(foundation, "bob@example.com", "secret2");

        Assert.Equal(HttpStatusCode.OK, (await foundation.Anonymous.PostAsync("/1.0/users/bob@example.com/password", null)).StatusCode);
        await AssertErrorAsync(await foundation.Anonymous.PostAsync("/users/who@example.com/password", null), HttpStatusCode.NotFound, "user not found");
        await AssertErrorAsync(await foundation.Anonymous.PostAsync("/users/bob@example.com/password", Form(("token", "forged"))), HttpStatusCode.BadRequest, "Invalid token");
        await LoginAsync(foundation, "bob@example.com", "secret2");
    }

    [Fact]
    public async Task Api_keys_are_shown_regenerated_and_authenticate()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        var shown = await bob.GetAsync("/1.0/users/api-key");
        Assert.Equal("application/json", shown.Content.Headers.ContentType!.MediaType);
        var key = (await JsonAsync(shown)).GetValue<string>();
        Assert.Equal(key, (await JsonAsync(await bob.GetAsync("/users/api-key"))).GetValue<string>());
        Assert.Equal(key, (await JsonAsync(await admin.GetAsync("/users/api-key?user=bob@example.com"))).GetValue<string>());
        await AssertErrorAsync(await bob.GetAsync("/users/api-key?user=admin@example.com"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await admin.GetAsync("/users/api-key?user=who@example.com"), HttpStatusCode.NotFound, "user not found");

        var byKey = foundation.NewClient(null);
        byKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", key);
        Assert.Equal("bob@example.com", (await JsonAsync(await byKey.GetAsync("/users/info")))["Email"]!.GetValue<string>());

        var regenerated = (await JsonAsync(await bob.PostAsync("/1.0/users/api-key", null))).GetValue<string>();
        Assert.NotEqual(key, regenerated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await byKey.GetAsync("/users/info")).StatusCode);
    }

    [Fact]
    public async Task User_quota_limits_are_read_and_set_by_admins()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin")));

        var quota = await JsonAsync(await admin.GetAsync("/1.0/users/admin@example.com/quota"));
        Assert.Equal(-1, quota["limit"]!.GetValue<int>());
        Assert.Equal(1, quota["inuse"]!.GetValue<int>());
        await AssertErrorAsync(await admin.PutAsync("/users/admin@example.com/quota", Form(("limit", "lots"))), HttpStatusCode.BadRequest, "Invalid limit");
        await AssertErrorAsync(await admin.PutAsync("/users/admin@example.com/quota", Form(("limit", "0"))), HttpStatusCode.Forbidden, "New limit is less than the current allocated value");
        await AssertErrorAsync(await admin.PutAsync("/users/who@example.com/quota", Form(("limit", "3"))), HttpStatusCode.NotFound, "user not found");
        await AssertErrorAsync(await bob.PutAsync("/users/bob@example.com/quota", Form(("limit", "3"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await bob.GetAsync("/users/admin@example.com/quota"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.0/users/bob@example.com/quota", Form(("limit", "3")))).StatusCode);
        Assert.Equal(3, (await JsonAsync(await bob.GetAsync("/users/bob@example.com/quota")))["limit"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/users/admin@example.com/quota", Form(("limit", "1")))).StatusCode);
        await AssertErrorAsync(await admin.PostAsync("/apps", Form(("name", "api"), ("teamOwner", "admin"))), HttpStatusCode.Forbidden, "Quota exceeded");
    }

    [Fact]
    public async Task Ssh_keys_and_saml_are_not_supported_by_the_native_scheme()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);

        await AssertErrorAsync(await admin.GetAsync("/1.0/users/keys"), HttpStatusCode.BadRequest, "key management is disabled");
        await AssertErrorAsync(await admin.PostAsync("/users/keys", Form(("name", "laptop"))), HttpStatusCode.BadRequest, "Missing key content");
        await AssertErrorAsync(await admin.PostAsync("/users/keys", Form(("key", "ssh-rsa AAA"), ("name", "laptop"))), HttpStatusCode.BadRequest, "key management is disabled");
        await AssertErrorAsync(await admin.DeleteAsync("/users/keys/laptop"), HttpStatusCode.BadRequest, "key management is disabled");
        await AssertErrorAsync(await foundation.Anonymous.GetAsync("/1.0/auth/saml"), HttpStatusCode.BadRequest, "This URL is only supported with saml enabled");
        await AssertErrorAsync(await foundation.Anonymous.PostAsync("/auth/saml", Form(("SAMLResponse", "x"))), HttpStatusCode.BadRequest, "This URL is only supported with saml enabled");
    }
}
