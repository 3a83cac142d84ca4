using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// Builders of what a test stands on, all through the Cloud Controller and UAA APIs as the foundation's admin, so they work
/// on the fake and on a real Cloud Foundry alike. Names come from a Bogus faker under a fixed seed (and the foundation's
/// prefix), so on the fake the same calls give the same names and GUIDs. Anything not given is created on the way:
/// <c>await foundation.Given.PushedApp()</c> makes an org, a space and the app. Chain with
/// <c>await foundation.Given.Org().Space().PushedApp()</c>. On a real foundation everything is deleted at dispose.
/// </summary>
public sealed class Given
{
    private readonly FakeFoundation foundation;
    private readonly ResourceNames names;

    internal Given(FakeFoundation foundation, int seed)
    {
        this.foundation = foundation;
        names = new ResourceNames(foundation.NamePrefix, seed);
    }

    private HttpClient Api => foundation.Api;

    /// <summary>Creates an organization.</summary>
    public async Task<OrgRef> Org(string? name = null)
    {
        var body = await CreateAsync("/v3/organizations", new { name = name ?? names.Next("org") }, "organization");
        return new OrgRef(Guid(body), Name(body)) { Given = this };
    }

    /// <summary>Creates a space (in a new organization unless one is given).</summary>
    public async Task<SpaceRef> Space(OrgRef? org = null, string? name = null)
    {
        org ??= await Org();
        var body = await CreateAsync("/v3/spaces", new { name = name ?? names.Next("space"), relationships = new { organization = To(org.Guid) } }, "space");
        return new SpaceRef(Guid(body), Name(body), org) { Given = this };
    }

    /// <summary>Creates a stopped app with the staticfile buildpack and no package (in a new space unless one is given).</summary>
    public async Task<AppRef> App(SpaceRef? space = null, string? name = null)
    {
        space ??= await Space();
        var body = await CreateAsync("/v3/apps", new
        {
            name = name ?? names.Next("app"),
            lifecycle = new { type = "buildpack", data = new { buildpacks = new[] { StaticAppBits.Buildpack } } },
            relationships = new { space = To(space.Guid) },
        }, "app");
        return new AppRef(Guid(body), Name(body), space, null, body["state"]!.GetValue<string>()) { Given = this };
    }

    /// <summary>
    /// Pushes a small static app the way the cf CLI does (bits package, upload, build, droplet) and starts it, waiting
    /// for its package, build and first instance (in a new space unless one is given).
    /// </summary>
    public async Task<AppRef> PushedApp(SpaceRef? space = null, string? name = null)
    {
        var app = await App(space, name);
        var polling = foundation.Polling;
        var package = Guid(await CreateAsync("/v3/packages", new { type = "bits", relationships = new { app = To(app.Guid) } }, "package", track: false));
        using (var upload = await Api.PostAsync($"/v3/packages/{package}/upload", StaticAppBits.Upload()))
        {
            await ExpectAsync(upload, "uploading the app's bits", HttpStatusCode.OK);
        }

        await polling.UntilAsync($"/v3/packages/{package}", body => Ended(body, "READY"), $"package {package}");
        var build = Guid(await CreateAsync("/v3/builds", new { package = new { guid = package } }, "build", track: false));
        var staged = await polling.UntilAsync($"/v3/builds/{build}", body => Ended(body, "STAGED"), $"build {build}");
        var droplet = staged["droplet"]!["guid"]!.GetValue<string>();
        await SendAsync(HttpMethod.Patch, $"/v3/apps/{app.Guid}/relationships/current_droplet", new { data = new { guid = droplet } }, "setting the droplet");
        var started = await SendAsync(HttpMethod.Post, $"/v3/apps/{app.Guid}/actions/start", null, "starting the app");
        await polling.UntilAsync($"/v3/apps/{app.Guid}/processes/web/stats", Running, $"app {app.Name} to run");
        return app with { DropletGuid = droplet, State = started["state"]!.GetValue<string>() };
    }

    /// <summary>Creates a user-provided service instance with these credentials (in a new space unless one is given).</summary>
    public async Task<ServiceInstanceRef> ServiceInstance(SpaceRef? space = null, string? name = null, IReadOnlyDictionary<string, string>? credentials = null)
    {
        space ??= await Space();
        var body = await CreateAsync("/v3/service_instances", new
        {
            type = "user-provided",
            name = name ?? names.Next("ups"),
            credentials = credentials ?? new Dictionary<string, string> { ["uri"] = "https://user:secret@service.example.com" },
            relationships = new { space = To(space.Guid) },
        }, "user-provided service instance");
        return new ServiceInstanceRef(Guid(body), Name(body), "user-provided", space);
    }

    /// <summary>
    /// Creates a managed service instance of a marketplace plan, waiting for its job (in a new space unless one is given).
    /// The default plan is the fake's built-in broker's synchronous <c>fake-database</c>/<c>small</c>; name one of your
    /// marketplace on a real foundation.
    /// </summary>
    public async Task<ServiceInstanceRef> ManagedServiceInstance(SpaceRef? space = null, string offering = "fake-database", string plan = "small", string? name = null)
    {
        space ??= await Space();
        var plans = await GetAsync($"/v3/service_plans?names={Uri.EscapeDataString(plan)}&service_offering_names={Uri.EscapeDataString(offering)}");
        var planGuid = plans["resources"]!.AsArray().FirstOrDefault()?["guid"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The marketplace has no plan '{plan}' of '{offering}'.");
        name ??= names.Next("db");
        await CreateAsync("/v3/service_instances", new
        {
            type = "managed",
            name,
            relationships = new { space = To(space.Guid), service_plan = To(planGuid) },
        }, "managed service instance", track: false);
        var guid = await FindAsync($"/v3/service_instances?names={Uri.EscapeDataString(name)}&space_guids={space.Guid}", $"service instance {name}");
        foundation.Created.Track("service instance " + name, new Uri($"/v3/service_instances/{guid}", UriKind.Relative));
        return new ServiceInstanceRef(guid, name, "managed", space);
    }

    /// <summary>Binds a service instance to an app (waiting for the binding's job when the broker is asynchronous).</summary>
    public async Task<BindingRef> Binding(AppRef app, ServiceInstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(instance);
        var body = await CreateAsync("/v3/service_credential_bindings", new
        {
            type = "app",
            relationships = new { service_instance = To(instance.Guid), app = To(app.Guid) },
        }, "service binding", track: false);
        var guid = body["guid"]?.GetValue<string>()
            ?? await FindAsync($"/v3/service_credential_bindings?app_guids={app.Guid}&service_instance_guids={instance.Guid}", $"binding of {app.Name} to {instance.Name}");
        foundation.Created.Track($"binding of {app.Name} to {instance.Name}", new Uri($"/v3/service_credential_bindings/{guid}", UriKind.Relative));
        return new BindingRef(guid, app, instance);
    }

    /// <summary>Creates a user with organization roles (<see cref="CfRoles"/>) and a client logged in as it.</summary>
    public Task<UserRef> User(OrgRef org, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(org);
        return UserAsync(org, null, roles);
    }

    /// <summary>Creates a user with space roles (<see cref="CfRoles"/>; it becomes an organization user too) and a client logged in as it.</summary>
    public Task<UserRef> User(SpaceRef space, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(space);
        return UserAsync(space.Org, space, roles);
    }

    /// <summary>Creates one user per space role, each with its own client: <c>Users(space, CfRoles.SpaceDeveloper, CfRoles.SpaceAuditor)</c>.</summary>
    public async Task<IReadOnlyList<UserRef>> Users(SpaceRef space, params string[] roles)
    {
        var users = new List<UserRef>();
        foreach (var role in roles)
        {
            users.Add(await User(space, role));
        }

        return users;
    }

    private async Task<UserRef> UserAsync(OrgRef org, SpaceRef? space, string[] roles)
    {
        var username = names.Next("user");
        var password = names.Password();
        var uaa = await foundation.Login.UaaAsync();
        var scim = await CreateAsync(new Uri(uaa, "Users").ToString(), new
        {
            userName = username,
            password,
            origin = "uaa",
            emails = new[] { new { value = username + "@example.com", primary = true } },
        }, "UAA user", track: false);
        var guid = scim["id"]!.GetValue<string>();
        foundation.Created.Track("UAA user " + username, new Uri(uaa, "Users/" + guid));
        await CreateAsync("/v3/users", new { guid }, "user");
        var given = space is null ? roles : [CfRoles.OrganizationUser, .. roles];
        foreach (var role in given.Distinct(StringComparer.Ordinal))
        {
            var spaceRole = role.StartsWith("space_", StringComparison.Ordinal);
            var relationships = new JsonObject
            {
                ["user"] = To(guid),
                [spaceRole ? "space" : "organization"] = To(spaceRole ? space?.Guid ?? throw new ArgumentException($"'{role}' needs a space.", nameof(roles)) : org.Guid),
            };
            await CreateAsync("/v3/roles", new { type = role, relationships }, $"role {role}");
        }

        return new UserRef(guid, username, password, [.. given], await foundation.ClientForPasswordAsync(username, password));
    }

    private static JsonObject To(string guid) => new() { ["data"] = new JsonObject { ["guid"] = guid } };

    private static string Guid(JsonNode body) => body["guid"]!.GetValue<string>();

    private static string Name(JsonNode body) => body["name"]!.GetValue<string>();

    private static bool Ended(JsonNode body, string success) => body["state"]?.GetValue<string>() switch
    {
        var state when state == success => true,
        "FAILED" => throw new InvalidOperationException($"Expected {success}, got FAILED: {body["error"] ?? body["errors"]}"),
        _ => false,
    };

    private static bool Running(JsonNode stats) =>
        stats["resources"]!.AsArray().Any(instance => instance?["state"]?.GetValue<string>() == "RUNNING");

    /// <summary>POSTs, follows a 202's job, and remembers a created resource (its <c>links.self</c>) for cleanup.</summary>
    private async Task<JsonNode> CreateAsync(string path, object body, string what, bool track = true)
    {
        using var response = await Api.PostAsJsonAsync(path, body);
        var created = await ExpectAsync(response, "creating " + what, HttpStatusCode.Created, HttpStatusCode.Accepted);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            await foundation.Polling.JobAsync(response, "creating " + what);
        }
        else if (track && created["links"]?["self"]?["href"]?.GetValue<string>() is { } self)
        {
            foundation.Created.Track($"{what} {created["name"] ?? created["guid"]}", new Uri(self));
        }

        return created;
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, string what)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Api.SendAsync(request);
        return await ExpectAsync(response, what, HttpStatusCode.OK);
    }

    private async Task<JsonNode> GetAsync(string path) => await SendAsync(HttpMethod.Get, path, null, "GET " + path);

    private async Task<string> FindAsync(string query, string what) =>
        (await GetAsync(query))["resources"]!.AsArray().FirstOrDefault()?["guid"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"Could not find {what} after creating it.");

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, string what, params HttpStatusCode[] expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!expected.Contains(response.StatusCode))
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
