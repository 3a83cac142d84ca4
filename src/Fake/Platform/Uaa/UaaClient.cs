using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>An OAuth client of the fake UAA (<c>cf</c> with an empty secret, <c>admin</c> for client credentials).</summary>
public sealed record UaaClient(
    string Guid,
    string Secret,
    ImmutableSortedSet<string> GrantTypes,
    ImmutableSortedSet<string> Authorities) : IResource;
