using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruServiceSteps;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruBrokersTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Brokers_are_added_listed_updated_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.7/brokers")).StatusCode);
        var added = await tsuru.PostAsync("/1.7/brokers", Json("""
            {"Name":"aws","URL":"https://broker.example.org","Config":{"AuthConfig":{"BasicAuthConfig":{"Username":"user","Password":"pass"}},"Insecure":true,"Context":{"region":"eu"},"CacheExpirationSeconds":300}}
            """));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await AssertErrorAsync(await tsuru.PostAsync("/1.7/brokers", Json("""{"Name":"aws","URL":"https://other"}""")), HttpStatusCode.Conflict, "Broker already exists.");

        var broker = JsonNode.Parse(await tsuru.GetStringAsync("/brokers"))!["brokers"]!.AsArray().Single()!;
        Assert.Equal("aws", broker["Name"]!.GetValue<string>());
        Assert.Equal("https://broker.example.org", broker["URL"]!.GetValue<string>());
        Assert.Equal("user", broker["Config"]!["AuthConfig"]!["BasicAuthConfig"]!["Username"]!.GetValue<string>());
        Assert.Null(broker["Config"]!["AuthConfig"]!["BearerConfig"]);
        Assert.True(broker["Config"]!["Insecure"]!.GetValue<bool>());
        Assert.Equal("eu", broker["Config"]!["Context"]!["region"]!.GetValue<string>());
        Assert.Equal(300, broker["Config"]!["CacheExpirationSeconds"]!.GetValue<int>());

        var updated = await tsuru.PutAsync("/1.7/brokers/aws", Form(("Name", "aws"), ("URL", "https://new.example.org"), ("Config.AuthConfig.BearerConfig.Token", "t0k")));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        broker = JsonNode.Parse(await tsuru.GetStringAsync("/1.7/brokers"))!["brokers"]![0]!;
        Assert.Equal("https://new.example.org", broker["URL"]!.GetValue<string>());
        Assert.Equal("t0k", broker["Config"]!["AuthConfig"]!["BearerConfig"]!["Token"]!.GetValue<string>());
        Assert.Null(broker["Config"]!["AuthConfig"]!["BasicAuthConfig"]);
        Assert.Equal(300, broker["Config"]!["CacheExpirationSeconds"]!.GetValue<int>());
        Assert.Null(broker["Config"]!["Context"]);

        await AssertErrorAsync(await tsuru.PutAsync("/1.7/brokers/nope", Json("""{"Name":"nope"}""")), HttpStatusCode.NotFound, "service broker not found");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.7/brokers/aws")).StatusCode);
        await AssertErrorAsync(await tsuru.DeleteAsync("/1.7/brokers/aws"), HttpStatusCode.NotFound, "service broker not found");
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.7/brokers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tsuru.GetAsync("/1.0/brokers")).StatusCode);
    }

    [Fact]
    public async Task Brokers_are_for_admins_only()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var admin = await TsuruSession.LoginAsync(foundation);
        var member = await MemberAsync(foundation, admin, "dev@example.com");

        await AssertErrorAsync(await member.GetAsync("/1.7/brokers"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await member.PostAsync("/1.7/brokers", Json("""{"Name":"aws"}""")), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await member.DeleteAsync("/1.7/brokers/aws"), HttpStatusCode.Forbidden, "You don't have permission to do this action");
        await AssertErrorAsync(await foundation.Anonymous.GetAsync("/1.7/brokers"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header");
        await AssertErrorAsync(await admin.PostAsync("/1.7/brokers", Json("""{"Name":"aws","Config":{"CacheExpirationSeconds":"soon"}}""")), HttpStatusCode.BadRequest,
            "unable to parse broker: invalid CacheExpirationSeconds \"soon\"");
    }
}
