using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruPlatformsPlansTests
{
    private static MultipartFormDataContent Upload(string? name, string dockerfile, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(dockerfile));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "dockerfile_content", "Dockerfile");
        return form;
    }

    [Fact]
    public async Task Platforms_are_added_updated_rolled_back_and_removed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);

        var added = await admin.PostAsync("/1.0/platforms", Upload("elixir", "FROM tsuru/base"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("application/x-json-stream", added.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Platform successfully added!", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertErrorAsync(await admin.PostAsync("/platforms", Upload("elixir", "FROM tsuru/base")), HttpStatusCode.Conflict, "Duplicate platform");
        await AssertErrorAsync(await admin.PostAsync("/platforms", Upload("elixir2", string.Empty)), HttpStatusCode.BadRequest, "Missing file content.");
        await AssertErrorAsync(await admin.PostAsync("/platforms", Upload(null, "FROM x")), HttpStatusCode.BadRequest, "Platform name is required.");
        await AssertErrorAsync(await admin.PostAsync("/platforms", Upload("Elixir", "FROM x")), HttpStatusCode.BadRequest, "Invalid platform name, should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        await AssertErrorAsync(await admin.PostAsync("/platforms", Form(("name", "x"))), HttpStatusCode.BadRequest, "request Content-Type isn't multipart/form-data");

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/1.0/platforms/elixir", Upload(null, "FROM tsuru/base:2"))).StatusCode);
        var info = await JsonAsync(await admin.GetAsync("/1.6/platforms/elixir"));
        Assert.Equal("elixir", info["platform"]!["Name"]!.GetValue<string>());
        Assert.Equal(["tsuru/elixir:v1", "tsuru/elixir:v2"], info["images"]!.AsArray().Select(image => image!.GetValue<string>()));
        await AssertErrorAsync(await admin.PutAsync("/platforms/elixir", Form(("x", "y"))), HttpStatusCode.BadRequest, "either disabled or dockerfile must be provided");
        await AssertErrorAsync(await admin.PutAsync("/platforms/ghost", Form(("disabled", "true"))), HttpStatusCode.NotFound, "Platform doesn't exist.");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/platforms/elixir", Form(("disabled", "true")))).StatusCode);
        Assert.True((await JsonAsync(await admin.GetAsync("/1.6/platforms/elixir")))["platform"]!["Disabled"]!.GetValue<bool>());

        await AssertErrorAsync(await admin.PostAsync("/1.6/platforms/elixir/rollback", Form(("image", ""))), HttpStatusCode.BadRequest, "you cannot rollback without an image name");
        await AssertErrorAsync(await admin.PostAsync("/1.6/platforms/elixir/rollback", Form(("image", "latest"))), HttpStatusCode.BadRequest, "invalid image version \"latest\"");
        var rollback = await admin.PostAsync("/1.6/platforms/elixir/rollback?image=tsuru/elixir:v1", null);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Contains("Platform successfully updated!", await rollback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("tsuru/elixir:v1", (await JsonAsync(await admin.GetAsync("/platforms/elixir")))["images"]!.AsArray()[^1]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/platforms/elixir")).StatusCode);
        await AssertErrorAsync(await admin.GetAsync("/1.6/platforms/elixir"), HttpStatusCode.NotFound, "Platform doesn't exist.");
        await AssertErrorAsync(await admin.DeleteAsync("/platforms/elixir"), HttpStatusCode.NotFound, "Platform doesn't exist.");
    }

    [Fact]
    public async Task Platforms_in_use_stay_and_only_admins_manage_them()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "admin"), ("platform", "python")));

        await AssertErrorAsync(await admin.DeleteAsync("/platforms/python"), HttpStatusCode.BadRequest, "Platform has apps. You must remove them before remove the platform.");
        await AssertErrorAsync(await bob.PostAsync("/platforms", Upload("rust", "FROM x")), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await bob.DeleteAsync("/platforms/go"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        Assert.Equal(["tsuru/go"], (await JsonAsync(await bob.GetAsync("/1.6/platforms/go")))["images"]!.AsArray().Select(image => image!.GetValue<string>()));
    }

    [Fact]
    public async Task Plans_are_created_with_sizes_and_removed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        var created = await JsonAsync(await admin.PostAsync("/1.0/plans", Form(("name", "small"), ("memory", "512M"), ("cpumilli", "250"))), HttpStatusCode.Created);
        Assert.Equal(536870912, created["memory"]!.GetValue<long>());
        Assert.Equal(250, created["cpumilli"]!.GetValue<int>());
        Assert.Null(created["default"]);
        await AssertErrorAsync(await admin.PostAsync("/plans", Form(("name", "small"), ("memory", "1073741824"))), HttpStatusCode.Conflict, "plan already exists");
        await AssertErrorAsync(await admin.PostAsync("/plans", Form(("name", "tiny"), ("memory", "1K"))), HttpStatusCode.BadRequest, "The minimum allowed memory is 4MB");
        await AssertErrorAsync(await admin.PostAsync("/plans", Form(("memory", "1G"))), HttpStatusCode.BadRequest, "invalid value for name");
        await AssertErrorAsync(await bob.PostAsync("/plans", Form(("name", "huge"), ("memory", "8G"))), HttpStatusCode.Forbidden, "You don't have permission to do this action");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/plans", Form(("name", "big"), ("memory", "2Gi"), ("default", "true")))).StatusCode);
        var plans = (await JsonAsync(await admin.GetAsync("/plans"))).AsArray();
        Assert.Equal("big", plans.Single(plan => plan!["default"]?.GetValue<bool>() == true)!["name"]!.GetValue<string>());
        Assert.Equal(2147483648, plans.Single(plan => plan!["name"]!.GetValue<string>() == "big")!["memory"]!.GetValue<long>());

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.0/plans/small")).StatusCode);
        await AssertErrorAsync(await admin.DeleteAsync("/plans/small"), HttpStatusCode.NotFound, "plan not found");
    }

    [Fact]
    public async Task Plan_routers_are_listed_without_config_for_non_admins()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        var bob = await NewUserAsync(foundation, admin, "bob@example.com");

        var routers = await JsonAsync(await admin.GetAsync("/1.0/plans/routers"));
        Assert.Equal("ingress", routers[0]!["name"]!.GetValue<string>());
        Assert.True(routers[0]!["default"]!.GetValue<bool>());
        Assert.NotNull(routers[0]!["config"]);
        Assert.Null((await JsonAsync(await bob.GetAsync("/plans/routers")))[0]!["config"]);
    }
}
