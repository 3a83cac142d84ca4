using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Features.Users;

public sealed record UserResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Username,
    string PresentationName,
    string? Origin,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    public static UserResponse From(User user, World world, CfUrls urls)
    {
        var uaa = world.Find<UaaUser>(user.Guid);
        var username = uaa?.UserName ?? user.UserName;
        return new UserResponse(
            user.Guid, user.CreatedAt, user.UpdatedAt, username, username ?? user.Guid, uaa?.Origin ?? user.Origin,
            MetadataResponse.From(user.Metadata),
            new Dictionary<string, Link> { ["self"] = urls.Link("/v3/users/" + user.Guid) });
    }

    /// <summary>How Cloud Controller names a user in messages: its username, else its guid.</summary>
    public static string NameOf(World world, string userGuid) =>
        world.Find<UaaUser>(userGuid)?.UserName ?? world.Find<User>(userGuid)?.UserName ?? userGuid;
}
