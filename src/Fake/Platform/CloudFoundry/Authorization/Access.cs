using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Authorization;

/// <summary>
/// What one caller may see and do in one world, from its token scopes and its org and space roles.
/// Visibility failures are 404s (the resource "does not exist" for the caller); write failures on visible
/// resources are 403s.
/// </summary>
public sealed class Access
{
    private readonly Dictionary<string, HashSet<string>> orgRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> spaceRoles = new(StringComparer.Ordinal);
    private readonly HashSet<string> orgsThroughSpaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> readableSpaces = new(StringComparer.Ordinal);

    public Access(Caller caller, World world)
    {
        Caller = caller;
        World = world;
        foreach (var role in world.Of<Role>().All.Where(role => role.UserGuid == caller.UserGuid))
        {
            if (role.OrganizationGuid is { } org)
            {
                Roles(orgRoles, org).Add(role.Type);
            }
            else if (role.SpaceGuid is { } space)
            {
                Roles(spaceRoles, space).Add(role.Type);
                if (world.Find<Space>(space) is { } found)
                {
                    orgsThroughSpaces.Add(found.OrganizationGuid);
                }
            }
        }
    }

    public Caller Caller { get; }

    public World World { get; }

    public bool IsAdmin => Caller.IsAdmin;

    public bool ReadsEverything => Caller.ReadsEverything;

    public bool CanWriteAnything => Caller.IsAdmin || Caller.Scopes.Contains("cloud_controller.write");

    public bool HasOrgRole(string orgGuid, params string[] types) =>
        orgRoles.TryGetValue(orgGuid, out var roles) && (types.Length == 0 || types.Any(roles.Contains));

    public bool HasSpaceRole(string spaceGuid, params string[] types) =>
        spaceRoles.TryGetValue(spaceGuid, out var roles) && (types.Length == 0 || types.Any(roles.Contains));

    public bool CanReadOrg(string orgGuid) =>
        ReadsEverything || orgRoles.ContainsKey(orgGuid) || orgsThroughSpaces.Contains(orgGuid);

    public bool CanReadSpace(Space space) =>
        ReadsEverything || spaceRoles.ContainsKey(space.Guid) ||
        HasOrgRole(space.OrganizationGuid, RoleTypes.OrganizationManager);

    /// <summary>Remembered per space: a list asks once per row, and this access's world never changes.</summary>
    public bool CanReadSpace(string spaceGuid)
    {
        if (!readableSpaces.TryGetValue(spaceGuid, out var readable))
        {
            readable = World.Find<Space>(spaceGuid) is { } space && CanReadSpace(space);
            readableSpaces[spaceGuid] = readable;
        }

        return readable;
    }

    /// <summary>Space developers (and admins) change what runs in a space.</summary>
    public bool CanWriteToSpace(string spaceGuid) =>
        IsAdmin || (CanWriteAnything && HasSpaceRole(spaceGuid, RoleTypes.SpaceDeveloper));

    /// <summary>Space developers and supporters (and admins) manage apps, routes and bindings in a space.</summary>
    public bool CanManageAppsInSpace(string spaceGuid) =>
        IsAdmin || (CanWriteAnything && HasSpaceRole(spaceGuid, RoleTypes.SpaceDeveloper, RoleTypes.SpaceSupporter));

    /// <summary>Routes are also visible to org managers and auditors of the space's organization.</summary>
    public bool CanReadRoutesIn(string spaceGuid) =>
        World.Find<Space>(spaceGuid) is { } space &&
        (CanReadSpace(space) || HasOrgRole(space.OrganizationGuid, RoleTypes.OrganizationAuditor));

    /// <summary>Droplet bits go to everyone who reads the space except space supporters.</summary>
    public bool CanDownloadDropletsIn(string spaceGuid) =>
        ReadsEverything ||
        HasSpaceRole(spaceGuid, RoleTypes.SpaceDeveloper, RoleTypes.SpaceManager, RoleTypes.SpaceAuditor) ||
        (World.Find<Space>(spaceGuid) is { } space && HasOrgRole(space.OrganizationGuid, RoleTypes.OrganizationManager));

    public bool CanManageSpace(Space space) =>
        IsAdmin || (CanWriteAnything && (HasSpaceRole(space.Guid, RoleTypes.SpaceManager) ||
                                         HasOrgRole(space.OrganizationGuid, RoleTypes.OrganizationManager)));

    public bool CanManageOrg(string orgGuid) =>
        IsAdmin || (CanWriteAnything && HasOrgRole(orgGuid, RoleTypes.OrganizationManager));

    public IEnumerable<string> ReadableSpaceGuids() =>
        World.Of<Space>().All.Where(CanReadSpace).Select(space => space.Guid);

    public void RequireAdmin()
    {
        if (!IsAdmin)
        {
            throw CfErrors.NotAuthorized();
        }
    }

    /// <summary>Platform-wide reports do not exist (404) for callers that cannot read everything.</summary>
    public void HideUnlessReadsEverything()
    {
        if (!ReadsEverything)
        {
            throw CfErrors.UnknownRequest();
        }
    }

    public void Require(bool allowed)
    {
        if (!allowed)
        {
            throw CfErrors.NotAuthorized();
        }
    }

    private static HashSet<string> Roles(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map[key] = set;
        }

        return set;
    }
}
