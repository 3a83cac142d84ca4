using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruTeamTokensTests
{
    [Fact]
    public async Task Team_tokens_are_created_listed_updated_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/1.6/tokens")).StatusCode);

        var response = await admin.PostAsync("/1.6/tokens", Form(("token_id", "deploy-bot"), ("team", "admin"), ("description", "CI"), ("expires_in", "3600")));
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var created = await JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("deploy-bot", created["token_id"]!.GetValue<string>());
        Assert.Equal("admin", created["team"]!.GetValue<string>());
        Assert.Equal("admin@example.com", created["creator_email"]!.GetValue<string>());
        Assert.Equal(64, created["token"]!.GetValue<string>().Length);
        Assert.NotEqual("0001-01-01T00:00:00Z", created["expires_at"]!.GetValue<string>());
        var generated = await JsonAsync(await admin.PostAsync("/tokens", Form(("team", "admin"))), HttpStatusCode.Created);
        Assert.StartsWith("admin-", generated["token_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("0001-01-01T00:00:00Z", generated["expires_at"]!.GetValue<string>());

        await AssertErrorAsync(await admin.PostAsync("/tokens", Form(("token_id", "deploy-bot"), ("team", "admin"))), HttpStatusCode.Conflict, "team token already exists");
        await AssertErrorAsync(await admin.PostAsync("/tokens", Form(("token_id", "Bad_Id"), ("team", "admin"))), HttpStatusCode.BadRequest, "invalid token_id");
        await AssertErrorAsync(await admin.PostAsync("/tokens", Form(("team", "ghosts"))), HttpStatusCode.NotFound, "team not found");
        Assert.Equal(2, (await JsonAsync(await admin.GetAsync("/tokens"))).AsArray().Count);

        var updated = await JsonAsync(await admin.PutAsync("/1.6/tokens/deploy-bot", Form(("description", "CD"), ("regenerate", "true"), ("expires_in", "-1"))));
        Assert.Equal("CD", updated["description"]!.GetValue<string>());
        Assert.NotEqual(created["token"]!.GetValue<string>(), updated["token"]!.GetValue<string>());
        Assert.Equal("0001-01-01T00:00:00Z", updated["expires_at"]!.GetValue<string>());
        Assert.Equal("CD", (await JsonAsync(await admin.GetAsync("/1.7/tokens/deploy-bot")))["description"]!.GetValue<string>());
        await AssertErrorAsync(await admin.PutAsync("/tokens/ghost", Form(("description", "x"))), HttpStatusCode.NotFound, "team token not found");

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/1.6/tokens/deploy-bot")).StatusCode);
        await AssertErrorAsync(await admin.GetAsync("/tokens/deploy-bot"), HttpStatusCode.NotFound, "team token not found");
        await AssertErrorAsync(await admin.DeleteAsync("/tokens/deploy-bot"), HttpStatusCode.NotFound, "team token not found");
    }

    [Fact]
    public async Task A_team_token_authenticates_as_its_team_until_it_expires()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await LoginAsync(foundation);
        await admin.PostAsync("/teams", Form(("name", "devs")));
        await admin.PostAsync("/apps", Form(("name", "web"), ("teamOwner", "devs")));
        await admin.PostAsync("/apps", Form(("name", "ops"), ("teamOwner", "admin")));
        var token = (await JsonAsync(await admin.PostAsync("/tokens", Form(("token_id", "devs-ci"), ("team", "devs"), ("expires_in", "60"))), HttpStatusCode.Created))["token"]!.GetValue<string>();
        var bot = foundation.NewClient(null);
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/apps/web")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.GetAsync("/apps/ops")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/1.7/tokens/devs-ci")).StatusCode);

        (await foundation.Anonymous.PostAsJsonAsync($"/_fake/foundations/{foundation.Id}/clock/advance", new { seconds = 120 })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("/apps/web")).StatusCode);
    }
}
