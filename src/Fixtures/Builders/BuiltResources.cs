namespace CloudFoundry.Fake.Fixtures;

/// <summary>An organization a builder created.</summary>
/// <param name="Guid">Its guid.</param>
/// <param name="Name">Its name.</param>
public sealed record OrgRef(string Guid, string Name)
{
    internal Given Given { get; init; } = null!;

    /// <summary>Creates a space in this organization.</summary>
    public Task<SpaceRef> Space(string? name = null) => Given.Space(this, name);
}

/// <summary>A space a builder created.</summary>
/// <param name="Guid">Its guid.</param>
/// <param name="Name">Its name.</param>
/// <param name="Org">Its organization.</param>
public sealed record SpaceRef(string Guid, string Name, OrgRef Org)
{
    internal Given Given { get; init; } = null!;

    /// <summary>Creates a stopped app (buildpack lifecycle, no package) in this space.</summary>
    public Task<AppRef> App(string? name = null) => Given.App(this, name);

    /// <summary>Pushes a small static app to this space and starts it.</summary>
    public Task<AppRef> PushedApp(string? name = null) => Given.PushedApp(this, name);

    /// <summary>Creates a user-provided service instance in this space.</summary>
    public Task<ServiceInstanceRef> ServiceInstance(string? name = null) => Given.ServiceInstance(this, name);
}

/// <summary>An app a builder created.</summary>
/// <param name="Guid">Its guid.</param>
/// <param name="Name">Its name.</param>
/// <param name="Space">Its space.</param>
/// <param name="DropletGuid">Its current droplet (pushed apps), or null.</param>
/// <param name="State">STARTED or STOPPED.</param>
public sealed record AppRef(string Guid, string Name, SpaceRef Space, string? DropletGuid, string State)
{
    internal Given Given { get; init; } = null!;

    /// <summary>Binds a service instance to this app.</summary>
    public Task<BindingRef> BindTo(ServiceInstanceRef instance) => Given.Binding(this, instance);
}

/// <summary>A service instance a builder created.</summary>
/// <param name="Guid">Its guid.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type"><c>user-provided</c> or <c>managed</c>.</param>
/// <param name="Space">Its space.</param>
public sealed record ServiceInstanceRef(string Guid, string Name, string Type, SpaceRef Space);

/// <summary>An app binding (service credential binding of type <c>app</c>) a builder created.</summary>
/// <param name="Guid">Its guid.</param>
/// <param name="App">The bound app.</param>
/// <param name="Instance">The bound service instance.</param>
public sealed record BindingRef(string Guid, AppRef App, ServiceInstanceRef Instance);

/// <summary>A user a builder created in UAA and Cloud Controller, with its roles and a client logged in as it.</summary>
/// <param name="Guid">Its guid (the same in UAA and Cloud Controller).</param>
/// <param name="Username">Its user name.</param>
/// <param name="Password">Its password.</param>
/// <param name="Roles">The roles it was given (<see cref="CfRoles"/>).</param>
/// <param name="Client">A Cloud Controller client acting as this user (password grant through UAA).</param>
public sealed record UserRef(string Guid, string Username, string Password, IReadOnlyList<string> Roles, HttpClient Client);

/// <summary>Role types of Cloud Controller (<c>POST /v3/roles</c>).</summary>
public static class CfRoles
{
    /// <summary>Member of an organization (given with every space role).</summary>
    public const string OrganizationUser = "organization_user";

    /// <summary>Organization auditor.</summary>
    public const string OrganizationAuditor = "organization_auditor";

    /// <summary>Organization manager.</summary>
    public const string OrganizationManager = "organization_manager";

    /// <summary>Organization billing manager.</summary>
    public const string OrganizationBillingManager = "organization_billing_manager";

    /// <summary>Space developer.</summary>
    public const string SpaceDeveloper = "space_developer";

    /// <summary>Space auditor.</summary>
    public const string SpaceAuditor = "space_auditor";

    /// <summary>Space manager.</summary>
    public const string SpaceManager = "space_manager";

    /// <summary>Space supporter.</summary>
    public const string SpaceSupporter = "space_supporter";
}

/// <summary>Chains builders on unfinished results: <c>await foundation.Given.Org().Space().PushedApp()</c>.</summary>
public static class GivenChaining
{
    /// <summary>Creates a space in the organization once it exists.</summary>
    public static async Task<SpaceRef> Space(this Task<OrgRef> org, string? name = null) => await (await org).Space(name);

    /// <summary>Creates a stopped app in the space once it exists.</summary>
    public static async Task<AppRef> App(this Task<SpaceRef> space, string? name = null) => await (await space).App(name);

    /// <summary>Pushes and starts an app in the space once it exists.</summary>
    public static async Task<AppRef> PushedApp(this Task<SpaceRef> space, string? name = null) => await (await space).PushedApp(name);

    /// <summary>Creates a user-provided service instance in the space once it exists.</summary>
    public static async Task<ServiceInstanceRef> ServiceInstance(this Task<SpaceRef> space, string? name = null) => await (await space).ServiceInstance(name);
}
