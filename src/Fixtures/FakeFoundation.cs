using System.Net.Http.Headers;
using System.Net.WebSockets;
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
/// builders (<see cref="Given"/>), bulk seeding (<see cref="Seed"/>) and typed control of its clock, lifecycles, faults
/// and request journal (the operations of the admin API). Disposing it removes the foundation.
/// Against a real Cloud Foundry (<see cref="CloudFoundryTarget"/>) the clients and builders work the same, what the
/// builders created is deleted (newest first) at dispose, and what only a fake can do throws <see cref="NotSupportedException"/>:
/// check <see cref="IsFake"/> first.
/// </summary>
public sealed class FakeFoundation : IDisposable, IAsyncDisposable
{
    private readonly CloudFoundryFake fake;
    private readonly Foundation? foundation;
    private readonly TargetSession? session;
    private readonly List<HttpClient> clients = [];
    private Given? given;

    internal FakeFoundation(CloudFoundryFake fake, Foundation foundation)
    {
        this.fake = fake;
        this.foundation = foundation;
        Id = foundation.Id;
        NamePrefix = "test";
        Api = ClientWithToken(TokenFor(UaaSeed.AdminUserName));
        Anonymous = ClientWithToken(null);
        Login = new UaaLogin(Anonymous);
    }

    internal FakeFoundation(CloudFoundryFake fake, TargetSession session, string namePrefix)
    {
        this.fake = fake;
        this.session = session;
        Id = namePrefix;
        NamePrefix = namePrefix;
        Api = Track(session.Client(session.AdminTokenAsync));
        Anonymous = Track(session.Client(null));
        Login = session.Login;
    }

    /// <summary>Whether this is the fake (true) or a real Cloud Foundry (false), where fake-only operations throw <see cref="NotSupportedException"/>.</summary>
    public bool IsFake => foundation is not null;

    /// <summary>
    /// The foundation's id (also accepted in the <c>X-Fake-Foundation</c> header and the <c>/foundations/{id}</c> prefix);
    /// against a real Cloud Foundry, the prefix of the names this foundation's builders give.
    /// </summary>
    public string Id { get; }

    /// <summary>A Cloud Controller (and UAA) client authenticated as the seeded admin.</summary>
    public HttpClient Api { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Builders of orgs, spaces, apps, service instances, bindings and users, named from a fixed Bogus seed, over HTTP.</summary>
    public Given Given => LazyInitializer.EnsureInitialized(ref given, () => new Given(this, fake.BuilderSeed));

    /// <summary>Writes many resources straight into the engine in one transaction (fake only).</summary>
    public BulkSeed Seed => new(Engine);

    internal string NamePrefix { get; }

    internal UaaLogin Login { get; }

    internal CreatedResources Created { get; } = new();

    internal Polling Polling => session is null
        ? new Polling(Api, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30))
        : new Polling(Api, session.Target.PollInterval, session.Target.PollTimeout);

    private Foundation Engine => foundation ?? throw FakeOnly.Error("FakeFoundation.IsFake");

    /// <summary>The foundation's clock; <see cref="VirtualClock.Advance"/> moves it (token expiry and timed lifecycles follow).</summary>
    public VirtualClock Clock => Engine.Clock;

    /// <summary>Scripted faults (latency, error status, 429, dropped connection) per path pattern.</summary>
    public FaultSet Faults => Engine.Faults;

    /// <summary>The requests this foundation answered, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Requests => Engine.Journal.Entries();

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
    public World World => Engine.World;

    /// <summary>Any lifecycle kind by name.</summary>
    public LifecycleControl Lifecycle(string kind) => new(Engine, fake.Services.GetRequiredService<Lifecycles>(), kind);

    /// <summary>An O(1) copy of this foundation's current state, isolated from it from now on.</summary>
    public FakeFoundation Fork() => fake.Fork(Engine);

    /// <summary>Remembers the current state under a name (O(1)).</summary>
    public string Snapshot(string? name = null) => Engine.Snapshot(name);

    /// <summary>Returns to a state taken with <see cref="Snapshot"/>.</summary>
    public void Restore(string name) => Engine.Restore(Engine.Snapshots[name]);

    /// <summary>A bearer token for a user of this foundation, issued at the foundation's current time.</summary>
    public string TokenFor(string username)
    {
        var user = UaaUser.FindByName(Engine.World, username, "uaa") ?? throw new ArgumentException($"No user named '{username}'.", nameof(username));
        var tokens = fake.Services.GetRequiredService<TokenService>();
        return tokens.Issue(new TokenRequest(user.Guid, user.UserName, user.Origin, user.Email, "cf", "password", user.Scopes, fake.BaseAddress + "uaa/oauth/token"), Engine.Clock.Now);
    }

    /// <summary>Seeds a user with org/space roles (role type and organization or space guid) and returns a client acting as it.</summary>
    public HttpClient ClientFor(string username, params (string Type, string Target)[] roles)
    {
        Engine.Write(transaction => UserAdmin.Seed(transaction, new SeedUserRequest(
            username, null, null, null, [.. roles.Select(role => new SeedRoleRequest(role.Type, role.Target))])));
        return ClientWithToken(TokenFor(username));
    }

    /// <summary>Seeds a user with extra token scopes (e.g. <c>cloud_controller.global_auditor</c>) and returns its client.</summary>
    public HttpClient ClientWithScopes(string username, params string[] scopes)
    {
        Engine.Write(transaction => UserAdmin.Seed(transaction, new SeedUserRequest(username, null, null, scopes, null)));
        return ClientWithToken(TokenFor(username));
    }

    /// <summary>A Tsuru client with a fresh session of a Tsuru user of this foundation (the seeded admin is <c>admin@example.com</c>).</summary>
    public HttpClient TsuruClientFor(string email)
    {
        if (Engine.World.Find<TsuruUser>(email) is null)
        {
            throw new ArgumentException($"No Tsuru user '{email}'.", nameof(email));
        }

        return ClientWithToken(Engine.Write(transaction => TsuruUsersApi.OpenSession(transaction, email)).Guid);
    }

    /// <summary>A client acting as a user who logs in with a password (through UAA, on the fake and on a real foundation).</summary>
    internal async Task<HttpClient> ClientForPasswordAsync(string username, string password) =>
        session is null
            ? ClientWithToken(await Login.PasswordTokenAsync(username, password))
            : Track(session.Client(() => Login.PasswordTokenAsync(username, password)));

    internal Task<WebSocket> ConnectWebSocketAsync(Uri address, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        fake.ConnectWebSocketAsync(address, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) { [FoundationRouting.Header] = Engine.Id }, cancellationToken);

    private HttpClient ClientWithToken(string? token)
    {
        var client = Track(fake.CreateHttpClient());
        client.DefaultRequestHeaders.Add(FoundationRouting.Header, Engine.Id);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        }

        return client;
    }

    private HttpClient Track(HttpClient client)
    {
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>Removes the foundation and its clients; against a real Cloud Foundry, deletes what the builders created first.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (session is not null)
            {
                await Created.DeleteAllAsync(Api, Polling);
            }
        }
        finally
        {
            lock (clients)
            {
                clients.ForEach(client => client.Dispose());
            }

            if (foundation is not null)
            {
                fake.Foundations.Remove(foundation.Id);
            }
        }
    }

    /// <summary>Removes the foundation and its clients (see <see cref="DisposeAsync"/>; prefer <c>await using</c> on a real foundation).</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();
}
