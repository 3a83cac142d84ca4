using System.Net.Http.Headers;
using CloudFoundry.Fake.Admin;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Tsuru;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Uaa;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// One isolated foundation of a <see cref="CloudFoundryFake"/>: HTTP clients acting as the admin or as seeded users,
/// and typed control of its clock, lifecycles, faults and request journal (the operations of the admin API).
/// Disposing it removes the foundation.
/// </summary>
public sealed class FakeFoundation : IDisposable
{
    private readonly CloudFoundryFake fake;
    private readonly Foundation foundation;
    private readonly List<HttpClient> clients = [];

    internal FakeFoundation(CloudFoundryFake fake, Foundation foundation)
    {
        this.fake = fake;
        this.foundation = foundation;
        Api = ClientWithToken(TokenFor(UaaSeed.AdminUserName));
        Anonymous = ClientWithToken(null);
    }

    /// <summary>The foundation's id (also accepted in the <c>X-Fake-Foundation</c> header and the <c>/foundations/{id}</c> prefix).</summary>
    public string Id => foundation.Id;

    /// <summary>A Cloud Controller (and UAA) client authenticated as the seeded admin.</summary>
    public HttpClient Api { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The foundation's clock; <see cref="VirtualClock.Advance"/> moves it (token expiry and timed lifecycles follow).</summary>
    public VirtualClock Clock => foundation.Clock;

    /// <summary>Scripted faults (latency, error status, 429, dropped connection) per path pattern.</summary>
    public FaultSet Faults => foundation.Faults;

    /// <summary>The requests this foundation answered, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Requests => foundation.Journal.Entries();

    /// <summary>Requests no route of the fake answered.</summary>
    public IReadOnlyList<JournalEntry> Unmatched => new JournalQuery(Unmatched: true).Apply(Requests);

    /// <summary>Staging (<c>POST /v3/builds</c>).</summary>
    public LifecycleControl Builds => Lifecycle(LifecycleKinds.Build);

    /// <summary>Process instances starting after an app starts or scales.</summary>
    public LifecycleControl Processes => Lifecycle(LifecycleKinds.ProcessInstances);

    /// <summary>Asynchronous jobs (deletes, manifests, uploads).</summary>
    public LifecycleControl Jobs => Lifecycle(LifecycleKinds.Job);

    /// <summary>Package upload processing.</summary>
    public LifecycleControl Packages => Lifecycle(LifecycleKinds.Package);

    /// <summary>Tasks run with <c>POST /v3/apps/{guid}/tasks</c>.</summary>
    public LifecycleControl Tasks => Lifecycle(LifecycleKinds.Task);

    /// <summary>Deployments made with <c>POST /v3/deployments</c> (and <c>cf push --strategy rolling</c>).</summary>
    public LifecycleControl Deployments => Lifecycle(LifecycleKinds.Deployment);

    /// <summary>Tsuru deploys (<c>POST /apps/{app}/deploy</c>, <c>tsuru app deploy</c>).</summary>
    public LifecycleControl TsuruDeploys => Lifecycle(LifecycleKinds.TsuruDeploy);

    /// <summary>The current state of the whole foundation.</summary>
    public World World => foundation.World;

    /// <summary>Any lifecycle kind by name.</summary>
    public LifecycleControl Lifecycle(string kind) => new(foundation, fake.Services.GetRequiredService<Lifecycles>(), kind);

    /// <summary>An O(1) copy of this foundation's current state, isolated from it from now on.</summary>
    public FakeFoundation Fork() => fake.Fork(foundation);

    /// <summary>Remembers the current state under a name (O(1)).</summary>
    public string Snapshot(string? name = null) => foundation.Snapshot(name);

    /// <summary>Returns to a state taken with <see cref="Snapshot"/>.</summary>
    public void Restore(string name) => foundation.Restore(foundation.Snapshots[name]);

    /// <summary>A bearer token for a user of this foundation, issued at the foundation's current time.</summary>
    public string TokenFor(string username)
    {
        var user = UaaUser.FindByName(foundation.World, username, "uaa") ?? throw new ArgumentException($"No user named '{username}'.", nameof(username));
        var tokens = fake.Services.GetRequiredService<TokenService>();
        return tokens.Issue(new TokenRequest(user.Guid, user.UserName, user.Origin, user.Email, "cf", "password", user.Scopes, fake.BaseAddress + "uaa/oauth/token"), foundation.Clock.Now);
    }

    /// <summary>Seeds a user with org/space roles (role type and organization or space guid) and returns a client acting as it.</summary>
    public HttpClient ClientFor(string username, params (string Type, string Target)[] roles)
    {
        foundation.Write(transaction => UserAdmin.Seed(transaction, new SeedUserRequest(
            username, null, null, null, [.. roles.Select(role => new SeedRoleRequest(role.Type, role.Target))])));
        return ClientWithToken(TokenFor(username));
    }

    /// <summary>Seeds a user with extra token scopes (e.g. <c>cloud_controller.global_auditor</c>) and returns its client.</summary>
    public HttpClient ClientWithScopes(string username, params string[] scopes)
    {
        foundation.Write(transaction => UserAdmin.Seed(transaction, new SeedUserRequest(username, null, null, scopes, null)));
        return ClientWithToken(TokenFor(username));
    }

    /// <summary>A Tsuru client with a fresh session of a Tsuru user of this foundation (the seeded admin is <c>admin@example.com</c>).</summary>
    public HttpClient TsuruClientFor(string email)
    {
        if (foundation.World.Find<TsuruUser>(email) is null)
        {
            throw new ArgumentException($"No Tsuru user '{email}'.", nameof(email));
        }

        return ClientWithToken(foundation.Write(transaction => TsuruUsersApi.OpenSession(transaction, email)).Guid);
    }

    private HttpClient ClientWithToken(string? token)
    {
        var client = fake.CreateHttpClient();
        client.DefaultRequestHeaders.Add(FoundationRouting.Header, foundation.Id);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        }

        clients.Add(client);
        return client;
    }

    /// <summary>Removes the foundation and its clients.</summary>
    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        fake.Foundations.Remove(foundation.Id);
    }
}
