using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.Roles;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Features.Users;

/// <summary><c>/v3/users</c> and the member lists of organizations and spaces.</summary>
public sealed class UsersApi : IFeatureModule
{
    public const string DeleteOperation = "user.delete";

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["usernames", "partial_usernames", "origins"],
        OrderBy = ["created_at", "updated_at"],
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        var cascade = routes.ServiceProvider.GetRequiredService<DeletionCascade>();
        jobs.RegisterResource<User>("user");
        jobs.Register(DeleteOperation, (transaction, job) =>
        {
            if (transaction.Find<User>(job.ResourceGuid) is { } user)
            {
                cascade.Delete(transaction, user);
            }
        });

        routes.MapGet("/v3/users", List);
        routes.MapPost("/v3/users", Create);
        routes.MapGet("/v3/users/{guid}", Get);
        routes.MapPatch("/v3/users/{guid}", Update);
        routes.MapDelete("/v3/users/{guid}", Delete);
        routes.MapGet("/v3/organizations/{guid}/users", OrganizationMembers);
        routes.MapGet("/v3/spaces/{guid}/users", SpaceMembers);
    }

    private static IResult List(CfContext cf) =>
        Respond(cf, UserDirectory.Readable(cf.Access()), "/v3/users");

    private static IResult OrganizationMembers(string guid, CfContext cf)
    {
        var org = OrganizationsApi.Visible(cf, guid);
        var members = cf.World.Of<Role>().All.Where(role => role.OrganizationGuid == org.Guid).Select(role => role.UserGuid);
        return Respond(cf, Members(cf.World, members), $"/v3/organizations/{org.Guid}/users");
    }

    private static IResult SpaceMembers(string guid, CfContext cf)
    {
        var space = SpacesApi.Visible(cf.Access(), guid);
        var members = cf.World.Of<Role>().All.Where(role => role.SpaceGuid == space.Guid).Select(role => role.UserGuid);
        return Respond(cf, Members(cf.World, members), $"/v3/spaces/{space.Guid}/users");
    }

    private static IEnumerable<User> Members(World world, IEnumerable<string> guids)
    {
        var set = guids.ToHashSet(StringComparer.Ordinal);
        return world.Of<User>().All.Where(user => set.Contains(user.Guid));
    }

    private static IResult Respond(CfContext cf, IEnumerable<User> users, string path)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var world = cf.World;
        var views = query.Standard(users).Select(user => UserResponse.From(user, world, cf.Urls));
        views = query.Where(views, "usernames", view => view.Username);
        views = query.Where(views, "origins", view => view.Origin);
        if (query.Values("partial_usernames") is { } partials)
        {
            views = views.Where(view => partials.Any(part => view.Username?.Contains(part, StringComparison.OrdinalIgnoreCase) == true));
        }

        var selected = views.Select(view => view.Guid).ToHashSet(StringComparer.Ordinal);
        return CfResults.Ok(query.Respond(users.Where(user => selected.Contains(user.Guid)), user => UserResponse.From(user, world, cf.Urls), cf.Urls, path));
    }

    private static IResult Get(string guid, CfContext cf)
    {
        var user = UserDirectory.Readable(cf.Access()).FirstOrDefault(user => user.Guid == guid) ?? throw CfErrors.NotFound("User");
        return CfResults.Ok(UserResponse.From(user, cf.World, cf.Urls));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("guid", "username", "origin", "metadata");
        var guid = body.String("guid");
        var username = body.String("username");
        var origin = body.String("origin");
        var metadata = body.Metadata();
        ValidateIdentity(body, guid, username, origin);
        body.ThrowIfInvalid();

        var user = cf.Write(transaction =>
        {
            var userGuid = guid ?? UaaUser.FindByName(transaction.World, username!, origin!)?.Guid ?? transaction.Put(new UaaUser(
                transaction.NewGuid(), username!, string.Empty, origin!, username!, UaaUser.DefaultScopes, transaction.Now)).Guid;
            if (transaction.Find<User>(userGuid) is not null)
            {
                throw CfErrors.Unprocessable(guid is not null
                    ? $"User with guid '{guid}' already exists."
                    : $"User with username '{username}' and origin '{origin}' already exists.");
            }

            var uaa = transaction.Find<UaaUser>(userGuid);
            return transaction.Put(new User(userGuid, uaa?.UserName, uaa?.Origin, ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
        });
        return CfResults.Created(UserResponse.From(user, cf.World, cf.Urls));
    }

    private static void ValidateIdentity(RequestBody body, string? guid, string? username, string? origin)
    {
        if (guid is not null)
        {
            if (guid.Length is < 1 or > 200)
            {
                body.AddError("guid", "must be between 1 and 200 characters");
            }

            if (username is not null)
            {
                body.AddError("username", "cannot be provided with 'guid'");
            }

            if (origin is not null)
            {
                body.AddError("origin", "cannot be provided with 'guid'");
            }
        }
        else if (username is not null || origin is not null)
        {
            if (username is null)
            {
                body.AddError("origin", "can only be provided together with 'username'");
            }

            if (origin is null)
            {
                body.AddError("username", "can only be provided together with 'origin'");
            }

            if (origin == "uaa")
            {
                body.AddError("origin", "cannot be 'uaa' when creating a user by username");
            }
        }
        else
        {
            body.AddError("guid", "or 'username' and 'origin' must be provided");
        }
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        _ = UserDirectory.Readable(access).FirstOrDefault(user => user.Guid == guid) ?? throw CfErrors.NotFound("User");
        access.RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("metadata");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var user = transaction.Find<User>(guid) ?? throw CfErrors.NotFound("User");
            return transaction.Put(user with { Metadata = user.Metadata.Apply(metadata), UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(UserResponse.From(updated, cf.World, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        _ = UserDirectory.Readable(access).FirstOrDefault(user => user.Guid == guid) ?? throw CfErrors.NotFound("User");
        access.RequireAdmin();
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "user", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }
}
