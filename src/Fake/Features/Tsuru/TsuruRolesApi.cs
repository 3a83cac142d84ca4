using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;
using Microsoft.AspNetCore.Mvc;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A role: a set of permissions granted in one context type, optionally given on user or team creation.</summary>
public sealed record TsuruRole(string Guid, string ContextType, string Description, ImmutableSortedSet<string> SchemeNames, ImmutableSortedSet<string> Events) : IResource
{
    public string Name => Guid;
}

/// <summary>A group of an external identity provider and the roles its members hold.</summary>
public sealed record TsuruGroup(string Guid, ImmutableList<TsuruRoleInstance> Roles) : IResource
{
    public string Name => Guid;
}

/// <summary>
/// Tsuru roles and permissions: role create, list, info, update and delete, permissions added to and removed from
/// roles, roles assigned to and dissociated from users, team tokens and groups, default roles and the permission tree.
/// Roles shape what callers may do: a global role holding <c>*</c> makes an admin, a team role makes a team member.
/// </summary>
public sealed class TsuruRolesApi : IFeatureModule
{
    public const string UserCreateEvent = "user-create";
    public const string TeamCreateEvent = "team-create";
    public const string RootRole = "AllowAll";
    private static readonly Dictionary<string, string> EventContexts = new(StringComparer.Ordinal) { [UserCreateEvent] = "global", [TeamCreateEvent] = "team" };

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/roles", (HttpContext context) =>
        {
            TsuruAuth.Admin(context);
            return TsuruJson.Json(TsuruAuth.World(context).Of<TsuruRole>().All.Select(Present));
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/roles", CreateAsync);
        TsuruRoutes.Map(routes, "PUT", ["1.0", "1.4"], "/roles", UpdateAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/roles/{name}", (string name, HttpContext context) =>
        {
            TsuruAuth.Admin(context);
            return TsuruJson.Json(Present(Find(TsuruAuth.World(context), name)));
        });
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/roles/{name}", Delete);
        TsuruRoutes.Map(routes, "POST", "1.0", "/roles/{name}/permissions", AddPermissionsAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/roles/{name}/permissions/{permission}", (string name, string permission, HttpContext context) =>
            Change(context, name, "role.update.permission.remove", (transaction, role) =>
                transaction.Put(role with { SchemeNames = role.SchemeNames.Remove(permission) })));
        TsuruRoutes.Map(routes, "POST", "1.0", "/roles/{name}/user", AssignToUserAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/roles/{name}/user/{email}", DissociateFromUser);
        TsuruRoutes.Map(routes, "POST", "1.6", "/roles/{name}/token", AssignToTokenAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.6", "/roles/{name}/token/{token_id}", DissociateFromTokenAsync);
        TsuruRoutes.Map(routes, "POST", "1.9", "/roles/{name}/group", AssignToGroupAsync);
        TsuruRoutes.Map(routes, "DELETE", ["1.6", "1.9"], "/roles/{name}/group/{group_name}", DissociateFromGroupAsync);
        TsuruRoutes.Map(routes, "GET", "1.0", "/role/default", (HttpContext context) =>
        {
            TsuruAuth.Admin(context);
            return TsuruJson.Json(TsuruAuth.World(context).Of<TsuruRole>().All.Where(role => role.Events.Count > 0).Select(Present));
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/role/default", (HttpContext context) => ChangeDefaultsAsync(context, add: true));
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/role/default", (HttpContext context) => ChangeDefaultsAsync(context, add: false));
        TsuruRoutes.Map(routes, "GET", "1.0", "/permissions", (HttpContext context) =>
        {
            TsuruAuth.Admin(context);
            return TsuruJson.Json(TsuruPermissionTree.Contexts.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => new { Name = pair.Key, Contexts = pair.Value }));
        });
    }

    /// <summary>The roles given to a user on the named event (<see cref="UserCreateEvent"/>, <see cref="TeamCreateEvent"/>).</summary>
    public static IEnumerable<string> DefaultRoles(World world, string roleEvent) =>
        world.Of<TsuruRole>().All.Where(role => role.Events.Contains(roleEvent)).Select(role => role.Name);

    /// <summary>The server's <c>apiUser</c>: email, roles, the permissions they expand to, groups.</summary>
    public static object PresentUser(World world, TsuruUser user)
    {
        var roles = user.Roles.Select(instance => (Instance: instance, Role: world.Find<TsuruRole>(instance.Name))).Where(pair => pair.Role is not null).ToList();
        return new
        {
            Email = user.Email,
            Roles = roles.Select(pair => new { Name = pair.Instance.Name, ContextType = pair.Role!.ContextType, ContextValue = pair.Instance.ContextValue }),
            Permissions = roles.SelectMany(pair => pair.Role!.SchemeNames.Select(scheme =>
                new { Name = scheme == "*" ? string.Empty : scheme, ContextType = pair.Role.ContextType, ContextValue = pair.Instance.ContextValue })),
            Groups = Array.Empty<string>(),
        };
    }

    /// <summary>The user with the role granted or removed, its admin flag and team memberships following its roles.</summary>
    public static TsuruUser WithRoles(World world, TsuruUser user, ImmutableList<TsuruRoleInstance> roles)
    {
        var removedTeams = user.Roles.Except(roles)
            .Where(instance => world.Find<TsuruRole>(instance.Name)?.ContextType == "team" && !roles.Any(kept => kept.ContextValue == instance.ContextValue))
            .Select(instance => instance.ContextValue);
        var addedTeams = roles.Where(instance => world.Find<TsuruRole>(instance.Name)?.ContextType == "team" && world.Find<TsuruTeam>(instance.ContextValue) is not null)
            .Select(instance => instance.ContextValue);
        return user with
        {
            Roles = roles,
            IsAdmin = roles.Any(instance => world.Find<TsuruRole>(instance.Name) is { ContextType: "global" } role && role.SchemeNames.Contains("*")),
            Teams = user.Teams.Except(removedTeams).Union(addedTeams),
        };
    }

    private static Dictionary<string, object> Present(TsuruRole role)
    {
        var json = new Dictionary<string, object> { ["name"] = role.Name, ["context"] = role.ContextType, ["Description"] = role.Description };
        if (role.SchemeNames.Count > 0)
        {
            json["scheme_names"] = role.SchemeNames;
        }

        if (role.Events.Count > 0)
        {
            json["events"] = role.Events;
        }

        return json;
    }

    private static TsuruRole Find(World world, string name) => world.Find<TsuruRole>(name) ?? throw TsuruException.NotFound("role not found");

    private static string ContextType(string? value) =>
        TsuruPermissionTree.ContextTypes.Contains(value ?? string.Empty) ? value! : throw TsuruException.BadRequest($"invalid context type \"{value}\"");

    private static IResult Change(HttpContext context, string name, string kind, Action<Transaction, TsuruRole> change)
    {
        var caller = TsuruAuth.Admin(context);
        context.Foundation().Write(transaction =>
        {
            change(transaction, Find(transaction.World, name));
            TsuruEvents.Record(transaction, kind, "role", name, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = (input.Value("name") ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw TsuruException.BadRequest("invalid role name");
        }

        var contextType = ContextType(input.Value("context"));
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruRole>(name) is not null)
            {
                throw TsuruException.Conflict("role already exists");
            }

            transaction.Put(new TsuruRole(name, contextType, input.Value("description") ?? string.Empty, [], []));
            TsuruEvents.Record(transaction, "role.create", "role", name, caller);
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context)
    {
        TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        var newName = input.Value("newName") ?? string.Empty;
        var contextType = input.Value("contextType") ?? string.Empty;
        var description = input.Value("description") ?? string.Empty;
        if (newName.Length == 0 && contextType.Length == 0 && description.Length == 0)
        {
            throw TsuruException.BadRequest("Neither the description, context or new name were set. You must define at least one.");
        }

        var caller = TsuruAuth.Admin(context);
        context.Foundation().Write(transaction =>
        {
            var role = transaction.Find<TsuruRole>(name) ?? throw TsuruException.BadRequest("role not found");
            var updated = role with
            {
                Guid = newName.Length > 0 ? newName : role.Name,
                ContextType = contextType.Length > 0 ? ContextType(contextType) : role.ContextType,
                Description = description.Length > 0 ? description : role.Description,
            };
            TsuruEvents.Record(transaction, "role.update", "role", name, caller);
            if (updated.Name != role.Name)
            {
                if (transaction.Find<TsuruRole>(updated.Name) is not null)
                {
                    throw TsuruException.BadRequest("role already exists");
                }

                transaction.Remove<TsuruRole>(role.Name);
                RenameGrants(transaction, role.Name, updated.Name);
            }

            transaction.Put(updated);
        });
        return Results.Ok();
    }

    private static void RenameGrants(Transaction transaction, string from, string to)
    {
        ImmutableList<TsuruRoleInstance> Renamed(ImmutableList<TsuruRoleInstance> roles) => [.. roles.Select(role => role.Name == from ? role with { Name = to } : role)];
        foreach (var user in transaction.Of<TsuruUser>().All.Where(user => user.Roles.Any(role => role.Name == from)).ToList())
        {
            transaction.Put(user with { Roles = Renamed(user.Roles) });
        }

        foreach (var token in transaction.Of<TsuruTeamToken>().All.Where(token => token.Roles.Any(role => role.Name == from)).ToList())
        {
            transaction.Put(token with { Roles = Renamed(token.Roles) });
        }

        foreach (var group in transaction.Of<TsuruGroup>().All.Where(group => group.Roles.Any(role => role.Name == from)).ToList())
        {
            transaction.Put(group with { Roles = Renamed(group.Roles) });
        }
    }

    private static IResult Delete(string name, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Of<TsuruUser>().All.Any(user => user.Roles.Any(role => role.Name == name)))
            {
                throw new TsuruException(StatusCodes.Status412PreconditionFailed, "role has users assigned. you must dissociate them before remove the role.");
            }

            Find(transaction.World, name);
            transaction.Remove<TsuruRole>(name);
            TsuruEvents.Record(transaction, "role.delete", "role", name, caller);
        });
        return Results.Ok();
    }

    private static async Task<IResult> AddPermissionsAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var permissions = input.Values("permission");
        return Change(context, name, "role.update.permission.add", (transaction, role) =>
        {
            foreach (var permission in permissions)
            {
                if (permission.Length == 0)
                {
                    throw TsuruException.BadRequest("invalid permission name");
                }

                var contexts = TsuruPermissionTree.Contexts.GetValueOrDefault(permission == "*" ? string.Empty : permission)
                    ?? throw TsuruException.BadRequest($"permission named \"{permission}\" not found");
                if (!contexts.Contains(role.ContextType))
                {
                    throw TsuruException.Conflict($"permission \"{(permission == "*" ? string.Empty : permission)}\" not allowed with context of type \"{role.ContextType}\"");
                }
            }

            transaction.Put(role with { SchemeNames = role.SchemeNames.Union(permissions) });
        });
    }

    private static void ValidateContextValue(World world, TsuruRole role, string value)
    {
        if (value.Length == 0 && role.ContextType != "global")
        {
            throw TsuruException.BadRequest($"Global context value is not valid for role with context type {role.ContextType}");
        }

        var missing = role.ContextType switch
        {
            "app" when world.Find<TsuruApp>(value) is null => "App not found",
            "team" when world.Find<TsuruTeam>(value) is null => "team not found",
            "user" when world.Find<TsuruUser>(value) is null => "user not found",
            "pool" when world.Find<TsuruPool>(value) is null => "Pool does not exist.",
            _ => null,
        };
        if (missing is not null)
        {
            throw TsuruException.BadRequest(missing);
        }
    }

    private static async Task<IResult> AssignToUserAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var email = input.Value("email") ?? string.Empty;
        var value = input.Value("context") ?? string.Empty;
        return Change(context, name, "role.update.assign", (transaction, role) =>
        {
            var user = transaction.Find<TsuruUser>(email) ?? throw TsuruException.NotFound("user not found");
            ValidateContextValue(transaction.World, role, value);
            var instance = new TsuruRoleInstance(name, value);
            transaction.Put(WithRoles(transaction.World, user, user.Roles.Contains(instance) ? user.Roles : user.Roles.Add(instance)));
        });
    }

    private static IResult DissociateFromUser(string name, string email, HttpContext context)
    {
        var value = context.Request.Query["context"].ToString();
        return Change(context, name, "role.update.dissociate", (transaction, role) =>
        {
            var user = transaction.Find<TsuruUser>(email) ?? throw TsuruException.NotFound("user not found");
            transaction.Put(WithRoles(transaction.World, user, user.Roles.RemoveAll(instance => instance == new TsuruRoleInstance(name, value))));
        });
    }

    private static async Task<IResult> AssignToTokenAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var value = input.Value("context") ?? string.Empty;
        return ChangeToken(context, name, input.Value("token_id") ?? string.Empty, "role.update.assign", (transaction, role, token) =>
        {
            ValidateContextValue(transaction.World, role, value);
            var instance = new TsuruRoleInstance(name, value);
            transaction.Put(token with { Roles = token.Roles.Contains(instance) ? token.Roles : token.Roles.Add(instance) });
        });
    }

    private static async Task<IResult> DissociateFromTokenAsync(string name, [FromRoute(Name = "token_id")] string tokenId, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var value = input.Value("context") ?? string.Empty;
        return ChangeToken(context, name, tokenId, "role.update.dissociate", (transaction, role, token) =>
            transaction.Put(token with { Roles = token.Roles.RemoveAll(instance => instance == new TsuruRoleInstance(name, value)) }));
    }

    /// <summary>The server answers an unknown team token with a bare 404 (no body).</summary>
    private static IResult ChangeToken(HttpContext context, string name, string tokenId, string kind, Action<Transaction, TsuruRole, TsuruTeamToken> change)
    {
        var world = TsuruAuth.World(context);
        TsuruAuth.Admin(context);
        Find(world, name);
        return world.Find<TsuruTeamToken>(tokenId) is null
            ? Results.NotFound()
            : Change(context, name, kind, (transaction, role) =>
                change(transaction, role, transaction.Find<TsuruTeamToken>(tokenId) ?? throw TsuruException.NotFound("team token not found")));
    }

    private static async Task<IResult> AssignToGroupAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var group = input.Value("group_name") ?? string.Empty;
        var value = input.Value("context") ?? string.Empty;
        return Change(context, name, "role.update.assign", (transaction, role) =>
        {
            ValidateContextValue(transaction.World, role, value);
            if (group.Length == 0)
            {
                throw TsuruException.BadRequest("group name cannot be empty");
            }

            var current = transaction.Find<TsuruGroup>(group) ?? new TsuruGroup(group, []);
            var instance = new TsuruRoleInstance(name, value);
            transaction.Put(current with { Roles = current.Roles.Contains(instance) ? current.Roles : current.Roles.Add(instance) });
        });
    }

    private static async Task<IResult> DissociateFromGroupAsync(string name, [FromRoute(Name = "group_name")] string groupName, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var value = input.Value("context") ?? string.Empty;
        return Change(context, name, "role.update.dissociate", (transaction, role) =>
        {
            if (transaction.Find<TsuruGroup>(groupName) is { } group)
            {
                transaction.Put(group with { Roles = group.Roles.RemoveAll(instance => instance == new TsuruRoleInstance(name, value)) });
            }
        });
    }

    private static async Task<IResult> ChangeDefaultsAsync(HttpContext context, bool add)
    {
        var caller = TsuruAuth.Admin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        context.Foundation().Write(transaction =>
        {
            foreach (var (roleEvent, expected) in EventContexts)
            {
                foreach (var name in input.Values(roleEvent))
                {
                    var role = transaction.Find<TsuruRole>(name) ?? throw TsuruException.BadRequest("role not found");
                    if (add && role.ContextType != expected)
                    {
                        throw TsuruException.BadRequest($"wrong context type for role event, expected \"{expected}\" role has \"{role.ContextType}\"");
                    }

                    transaction.Put(role with { Events = add ? role.Events.Add(roleEvent) : role.Events.Remove(roleEvent) });
                    TsuruEvents.Record(transaction, add ? "role.default.create" : "role.default.delete", "role", name, caller);
                }
            }
        });
        return Results.Ok();
    }
}
