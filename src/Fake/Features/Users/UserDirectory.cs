using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Features.Users;

/// <summary>Finds users the way Cloud Controller does: by guid, or by username and origin through UAA; and who may see whom.</summary>
public static class UserDirectory
{
    /// <summary>The UAA user guid for a username (and origin, when given), with Cloud Controller's 422 texts.</summary>
    public static string LookUpInUaa(World world, string username, string? origin)
    {
        var matches = world.Of<UaaUser>().All
            .Where(user => string.Equals(user.UserName, username, StringComparison.OrdinalIgnoreCase) && (origin is null || user.Origin == origin))
            .ToList();
        if (matches.Count > 1)
        {
            throw CfErrors.Unprocessable(
                $"Ambiguous user. User with username '{username}' exists in the following origins: {string.Join(", ", matches.Select(user => user.Origin))}. Specify an origin to disambiguate.");
        }

        if (matches.Count == 0)
        {
            throw CfErrors.Unprocessable(origin is null
                ? $"No user exists with the username '{username}'."
                : $"No user exists with the username '{username}' and origin '{origin}'.");
        }

        return matches[0].Guid;
    }

    /// <summary>The Cloud Controller record of a user, created on first use as Cloud Controller does.</summary>
    public static User Ensure(Transaction transaction, string guid) =>
        transaction.Find<User>(guid) ?? transaction.Put(new User(
            guid, transaction.Find<UaaUser>(guid)?.UserName, transaction.Find<UaaUser>(guid)?.Origin,
            ResourceMetadata.Empty, transaction.Now, transaction.Now));

    /// <summary>Users the caller may read: everyone for global readers, else members of the caller's organizations.</summary>
    public static IEnumerable<User> Readable(Access access)
    {
        var users = access.World.Of<User>().All;
        if (access.ReadsEverything)
        {
            return users;
        }

        var orgs = access.World.Of<Role>().All
            .Where(role => role.UserGuid == access.Caller.UserGuid)
            .Select(role => role.OrganizationGuid ?? access.World.Find<Space>(role.SpaceGuid)?.OrganizationGuid)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var members = access.World.Of<Role>().All
            .Where(role => orgs.Contains(role.OrganizationGuid ?? access.World.Find<Space>(role.SpaceGuid)?.OrganizationGuid ?? string.Empty))
            .Select(role => role.UserGuid)
            .Append(access.Caller.UserGuid)
            .ToHashSet(StringComparer.Ordinal);
        return users.Where(user => members.Contains(user.Guid));
    }
}
