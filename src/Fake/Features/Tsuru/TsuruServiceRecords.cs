using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A plan the service's API offers (what its <c>/resources/plans</c> would answer).</summary>
public sealed record TsuruServicePlan(string Name, string Description);

/// <summary>
/// A Tsuru service (keyed by its id): the API endpoint and credentials tsuru would call, the teams owning it, the
/// teams granted access, its documentation and the plans its API offers.
/// </summary>
public sealed record TsuruService(
    string Guid,
    string Username,
    string Password,
    ImmutableSortedDictionary<string, string> Endpoint,
    ImmutableList<string> OwnerTeams,
    ImmutableList<string> Teams,
    string Doc,
    bool IsMultiCluster,
    ImmutableList<TsuruServicePlan> Plans) : IResource
{
    public string Name => Guid;
}

/// <summary>An instance of a service, keyed <c>service/instance</c> as tsuru names its permission context.</summary>
public sealed record TsuruServiceInstance(
    string Guid,
    string Service,
    string Name,
    string Plan,
    string TeamOwner,
    ImmutableList<string> Teams,
    string Description,
    ImmutableList<string> Tags,
    ImmutableSortedDictionary<string, string> Parameters,
    string Pool,
    ImmutableList<string> Apps,
    ImmutableList<string> Jobs) : IResource
{
    public static string Key(string service, string instance) => $"{service}/{instance}";
}

/// <summary>The credentials tsuru sends to a service broker (basic auth, bearer token, or none).</summary>
public sealed record TsuruBrokerAuth(string? Username, string? Password, string? Token);

/// <summary>A registered Open Service Broker (stored state only: the fake never calls it).</summary>
public sealed record TsuruBroker(
    string Guid,
    string Url,
    bool Insecure,
    TsuruBrokerAuth? Auth,
    ImmutableSortedDictionary<string, string> Context,
    int CacheExpirationSeconds) : IResource
{
    public string Name => Guid;
}
