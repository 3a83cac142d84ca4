using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.FeatureFlags;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Users;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Roles;

/// <summary><c>/v3/roles</c>: org and space roles, assigned by user guid or by username and origin.</summary>
public sealed class RolesApi : IFeatureModule
{
    public const string DeleteOperation = "role.delete";

    private static readonly string[] IncludeValues = ["user", "space", "organization"];

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["types", "space_guids", "organization_guids", "user_guids"],
        Includes = IncludeValues,
        LabelSelector = false,
    };

    private static readonly ListSpec GetSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Includes = IncludeValues };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<Role>("role");
        jobs.Register(DeleteOperation, (transaction, job) => transaction.Remove<Role>(job.ResourceGuid!));
        cascade.OnDelete<Organization>((transaction, org) => transaction.RemoveWhere<Role>(role => role.OrganizationGuid == org.Guid));
        cascade.OnDelete<Space>((transaction, space) => transaction.RemoveWhere<Role>(role => role.SpaceGuid == space.Guid));
        cascade.OnDelete<User>((transaction, user) => transaction.RemoveWhere<Role>(role => role.UserGuid == user.Guid));

        routes.MapGet("/v3/roles", List);
        routes.MapPost("/v3/roles", Create);
        routes.MapGet("/v3/roles/{guid}", Get);
        routes.MapDelete("/v3/roles/{guid}", Delete);
    }

    private static bool CanRead(Access access, Role role) =>
        access.ReadsEverything ||
        (role.OrganizationGuid is { } org && access.CanReadOrg(org)) ||
        (role.SpaceGuid is { } space && access.CanReadSpace(space));

    private static Role Visible(Access access, string guid)
    {
        var role = access.World.Find<Role>(guid);
        return role is not null && CanRead(access, role) ? role : throw CfErrors.NotFound("Role");
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var roles = query.Standard(access.World.Of<Role>()).Where(role => CanRead(access, role));
        roles = query.Where(roles, "types", role => role.Type);
        roles = query.Where(roles, "space_guids", role => role.SpaceGuid);
        roles = query.Where(roles, "organization_guids", role => role.OrganizationGuid);
        var selected = query.Where(roles, "user_guids", role => role.UserGuid).ToList();
        return CfResults.Ok(query.Respond(selected, role => RoleResponse.From(role, cf.Urls), cf.Urls, "/v3/roles", included: Included(query, access.World, selected, cf.Urls)));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, GetSpec);
        var access = cf.Access();
        var role = Visible(access, guid);
        return CfResults.Ok(RoleResponse.From(role, cf.Urls), Included(query, access.World, [role], cf.Urls));
    }

    private static Dictionary<string, IReadOnlyList<object>>? Included(ListQuery query, World world, IReadOnlyCollection<Role> roles, CfUrls urls)
    {
        if (query.Includes.Count == 0)
        {
            return null;
        }

        var included = new Dictionary<string, IReadOnlyList<object>>();
        if (query.IsIncluded("user"))
        {
            included["users"] = [.. roles.Select(role => role.UserGuid).Distinct().Select(world.Find<User>).OfType<User>().Select(user => (object)UserResponse.From(user, world, urls))];
        }

        if (query.IsIncluded("space"))
        {
            included["spaces"] = Spaces.Included.Spaces(world, roles.Select(role => role.SpaceGuid), urls);
        }

        if (query.IsIncluded("organization"))
        {
            included["organizations"] = Spaces.Included.Organizations(world, roles.Select(role => role.OrganizationGuid), urls);
        }

        return included;
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        var access = cf.Access();
        var request = RoleRequest.Read(await RequestBody.ReadAsync(cf.Http.Request));
        var role = cf.Write(transaction =>
        {
            var world = transaction.World;
            string targetGuid;
            string userGuid;
            if (RoleTypes.IsOrganizationRole(request.Type))
            {
                var org = world.Find<Organization>(request.OrganizationGuid);
                if (org is null || !access.CanReadOrg(org.Guid))
                {
                    throw CfErrors.Unprocessable("Invalid organization. Ensure that the organization exists and you have access to it.");
                }

                access.Require(access.CanManageOrg(org.Guid));
                RequireFlag(access, world, request, "set_roles_by_username");
                userGuid = request.UserGuid ?? UserDirectory.LookUpInUaa(world, request.Username!, request.Origin);
                targetGuid = org.Guid;
            }
            else
            {
                var space = world.Find<Space>(request.SpaceGuid);
                if (space is null || !access.CanReadSpace(space))
                {
                    throw CfErrors.Unprocessable("Invalid space. Ensure that the space exists and you have access to it.");
                }

                access.Require(access.CanManageSpace(space));
                RequireFlag(access, world, request, "set_roles_by_username");
                userGuid = request.UserGuid ?? LookUpSpaceUser(world, request);
                if (world.Find<User>(userGuid) is null)
                {
                    throw CfErrors.Unprocessable("Users cannot be assigned roles in a space if they do not have a role in that space's organization.");
                }

                targetGuid = space.Guid;
            }

            UserDirectory.Ensure(transaction, userGuid);
            return RoleAssignment.Assign(transaction, request.Type, userGuid, targetGuid, UserResponse.NameOf(transaction.World, userGuid));
        });
        return CfResults.Created(RoleResponse.From(role, cf.Urls));
    }

    private static string LookUpSpaceUser(World world, RoleRequest request)
    {
        try
        {
            return UserDirectory.LookUpInUaa(world, request.Username!, request.Origin);
        }
        catch (CfException)
        {
            throw CfErrors.Unprocessable("Users cannot be assigned roles in a space if they do not have a role in that space's organization.");
        }
    }

    private static void RequireFlag(Access access, World world, RoleRequest request, string flag)
    {
        if (request.Username is not null && !access.IsAdmin && !FeatureFlag.IsEnabled(world, flag))
        {
            throw CfErrors.FeatureDisabled(flag);
        }
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        var role = Visible(access, guid);
        var world = access.World;
        if (role.SpaceGuid is { } spaceGuid)
        {
            access.Require(world.Find<Space>(spaceGuid) is { } space && access.CanManageSpace(space));
        }
        else
        {
            access.Require(access.CanManageOrg(role.OrganizationGuid!));
            var spacesOfOrg = world.Of<Space>().All.Where(space => space.OrganizationGuid == role.OrganizationGuid).Select(space => space.Guid).ToHashSet();
            if (role.Type == RoleTypes.OrganizationUser &&
                world.Of<Role>().All.Any(other => other.UserGuid == role.UserGuid && other.SpaceGuid is not null && spacesOfOrg.Contains(other.SpaceGuid)))
            {
                throw CfErrors.Unprocessable("Cannot delete organization_user role while user has roles in spaces in that organization.");
            }
        }

        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "role", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }
}
