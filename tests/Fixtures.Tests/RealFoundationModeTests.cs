using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Fixtures.Tests;

/// <summary>
/// The fixture in real-foundation mode, pointed at the fake itself served on a loopback port (the default foundation of
/// its own Kestrel fake plays the real Cloud Foundry, so the test sees what the run left behind).
/// </summary>
public sealed class RealFoundationModeTests : IAsyncLifetime
{
    private readonly CloudFoundryFake server = CloudFoundryFake.WithKestrel();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private Engine.Foundation Real => server.Foundations.Default;

    private CloudFoundryTarget Target(string username = "admin", string password = "admin") =>
        new(server.BaseAddress, username, password, RunPrefix: "nightly") { PollInterval = TimeSpan.FromMilliseconds(10) };

    private static async Task<CloudFoundryFake> StartAsync(CloudFoundryTarget target)
    {
        var fixture = CloudFoundryFake.ForTarget(target);
        await fixture.InitializeAsync();
        return fixture;
    }

    [Fact]
    public async Task Builders_create_through_the_api_and_dispose_deletes_everything_newest_first()
    {
        using var fixture = await StartAsync(Target());
        var before = Real.World;
        await using (var foundation = fixture.CreateFoundation())
        {
            Assert.False(foundation.IsFake);
            var app = await foundation.Given.PushedApp();
            var instance = await app.Space.ServiceInstance();
            await app.BindTo(instance);
            var developer = await foundation.Given.User(app.Space, CfRoles.SpaceDeveloper);

            Assert.StartsWith("nightly-1-app-", app.Name, StringComparison.Ordinal);
            Assert.Equal(App.Started, Real.World.Find<App>(app.Guid)!.State);
            Assert.Equal(HttpStatusCode.OK, (await developer.Client.GetAsync($"/v3/apps/{app.Guid}")).StatusCode);
        }

        Assert.DoesNotContain(Real.World.Of<Organization>().All, org => org.Name.StartsWith("nightly-", StringComparison.Ordinal));
        Assert.DoesNotContain(Real.World.Of<UaaUser>().All, user => user.UserName.StartsWith("nightly-", StringComparison.Ordinal));
        Assert.Equal(before.Of<App>().Count, Real.World.Of<App>().Count);
        var deletes = Real.Journal.Entries().Where(entry => entry.Method == "DELETE").Select(entry => entry.Path.Split('/')[^2]).ToList();
        Assert.Equal(["roles", "roles", "users", "Users", "service_credential_bindings", "service_instances", "apps", "spaces", "organizations"], deletes);
    }

    [Fact]
    public async Task What_only_a_fake_can_do_throws_not_supported()
    {
        using var fixture = await StartAsync(Target());
        await using var foundation = fixture.CreateFoundation();

        Assert.False(fixture.IsFake);
        Assert.Throws<NotSupportedException>(() => fixture.Foundations);
        Assert.Throws<NotSupportedException>(() => foundation.Clock);
        Assert.Throws<NotSupportedException>(() => foundation.Faults);
        Assert.Throws<NotSupportedException>(() => foundation.Requests);
        Assert.Throws<NotSupportedException>(() => foundation.Builds.Hold());
        Assert.Throws<NotSupportedException>(() => foundation.Fork());
        Assert.Throws<NotSupportedException>(() => foundation.Snapshot());
        Assert.Throws<NotSupportedException>(() => foundation.Seed);
        var error = Assert.Throws<NotSupportedException>(() => foundation.ClientFor("someone"));
        Assert.Contains("CF_FAKE_TARGET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_tokens_are_renewed_by_logging_in_again()
    {
        using var fixture = await StartAsync(Target());
        await using var foundation = fixture.CreateFoundation();
        Assert.Equal(HttpStatusCode.OK, (await foundation.Api.GetAsync("/v3/organizations")).StatusCode);

        Real.Clock.Advance(TimeSpan.FromHours(13));

        Assert.Equal(HttpStatusCode.OK, (await foundation.Api.GetAsync("/v3/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await foundation.Anonymous.GetAsync("/v3/organizations")).StatusCode);
    }

    [Fact]
    public async Task An_oauth_client_logs_in_with_client_credentials()
    {
        using var fixture = await StartAsync(new CloudFoundryTarget(server.BaseAddress, ClientId: "admin", ClientSecret: "admin-secret"));
        await using var foundation = fixture.CreateFoundation();

        var org = await foundation.Given.Org();

        Assert.NotNull(Real.World.Find<Organization>(org.Guid));
    }

    [Fact]
    public async Task Wrong_credentials_fail_when_the_fixture_starts()
    {
        using var fixture = CloudFoundryFake.ForTarget(Target(password: "wrong"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(fixture.InitializeAsync);

        Assert.Contains("as 'admin' answered 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_comes_from_environment_variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["CF_FAKE_TARGET"] = "api.sys.example.com",
            ["CF_FAKE_USERNAME"] = "admin",
            ["CF_FAKE_PASSWORD"] = "secret",
            ["CF_FAKE_SKIP_SSL_VALIDATION"] = "true",
        };

        var target = CloudFoundryTarget.FromVariables(variables.GetValueOrDefault)!;

        Assert.Equal(new CloudFoundryTarget(new Uri("https://api.sys.example.com"), "admin", "secret", SkipSslValidation: true), target);
        Assert.Null(CloudFoundryTarget.FromVariables(_ => null));
        Assert.Throws<ArgumentException>(() => CloudFoundryTarget.FromVariables(name => name == "CF_FAKE_TARGET" ? "https://api.example.com" : null));
    }
}
