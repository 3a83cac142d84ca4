using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A role granted in one context (the context value is empty for global roles).</summary>
public sealed record TsuruRoleInstance(string Name, string ContextValue);

/// <summary>A Tsuru user (keyed by email), its roles, API key and app quota (-1 is unlimited).</summary>
public sealed record TsuruUser(string Guid, string Password, bool IsAdmin, ImmutableSortedSet<string> Teams) : IResource
{
    public string Email => Guid;

    public ImmutableList<TsuruRoleInstance> Roles { get; init; } = [];

    public string? ApiKey { get; init; }

    public int QuotaLimit { get; init; } = -1;
}

/// <summary>A login session token (40 hex characters).</summary>
public sealed record TsuruToken(string Guid, string Email, DateTimeOffset ExpiresAt) : IResource;

public sealed record TsuruTeam(string Guid, ImmutableList<string> Tags, string CreatingUser) : IResource
{
    public string Name => Guid;

    public int QuotaLimit { get; init; } = -1;
}

public sealed record TsuruPool(string Guid, bool Public, bool Default, ImmutableSortedSet<string> Teams) : IResource
{
    public string Name => Guid;

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

public sealed record TsuruPlan(string Guid, long Memory, int CpuMilli, bool Default) : IResource
{
    public string Name => Guid;
}

public sealed record TsuruPlatform(string Guid, bool Disabled) : IResource
{
    public string Name => Guid;

    /// <summary>The platform's images, oldest first; the last one is current.</summary>
    public ImmutableList<string> Images { get; init; } = [];
}

public sealed record TsuruEnvVar(string Value, bool Public);

/// <summary>An environment variable as the API shows it (<c>name</c>, <c>value</c>, <c>public</c>).</summary>
public sealed record TsuruEnvEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("public")] bool Public);

public sealed record TsuruUnit(string Id, string ProcessName, string Status);

/// <summary>A Tsuru app with its environment, units and cnames.</summary>
public sealed record TsuruApp(
    string Guid,
    string Platform,
    string Plan,
    string Pool,
    string TeamOwner,
    ImmutableSortedSet<string> Teams,
    string Owner,
    string Description,
    ImmutableList<string> Tags,
    ImmutableSortedDictionary<string, TsuruEnvVar> Env,
    ImmutableList<TsuruUnit> Units,
    ImmutableList<string> CNames,
    DateTimeOffset CreatedAt) : IResource
{
    public string Name => Guid;
}
