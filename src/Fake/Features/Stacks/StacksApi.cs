using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Stacks;

/// <summary><c>/v3/stacks</c>: seeded with cflinuxfs4 (default) and cflinuxfs3; admins add, update and delete.</summary>
public sealed class StacksApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { Filters = ["names", "default"], OrderBy = ["created_at", "updated_at", "name"] };

    private static readonly ListSpec AppsSpec = new();

    private static readonly Dictionary<string, Func<Stack, IComparable?>> OrderKeys = new() { ["name"] = stack => stack.Name };

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(Seed);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/stacks", List);
        routes.MapPost("/v3/stacks", Create);
        routes.MapGet("/v3/stacks/{guid}", (string guid, CfContext cf) => CfResults.Ok(StackResponse.From(Find(cf, guid), cf.Urls)));
        routes.MapPatch("/v3/stacks/{guid}", Update);
        routes.MapDelete("/v3/stacks/{guid}", Delete);
        routes.MapGet("/v3/stacks/{guid}/apps", Apps);
    }

    private static void Seed(Transaction transaction)
    {
        foreach (var (name, description, isDefault) in new[]
                 {
                     ("cflinuxfs4", "Cloud Foundry Linux-based filesystem (Ubuntu 22.04)", true),
                     ("cflinuxfs3", "Cloud Foundry Linux-based filesystem (Ubuntu 18.04)", false),
                 })
        {
            transaction.Put(new Stack(transaction.NamedGuid("stack/" + name), name, description, "ACTIVE", null, isDefault,
                ResourceMetadata.Empty, transaction.Now, transaction.Now));
        }
    }

    private static Stack Find(CfContext cf, string guid)
    {
        _ = cf.Caller;
        return cf.World.Find<Stack>(guid) ?? throw CfErrors.NotFound("Stack");
    }

    private static IResult List(CfContext cf)
    {
        _ = cf.Caller;
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var stacks = query.Where(query.Standard(cf.World.Of<Stack>()), "names", stack => stack.Name);
        if (query.Single("default") is { } isDefault)
        {
            stacks = stacks.Where(stack => stack.Default == (isDefault == "true"));
        }

        return CfResults.Ok(query.Respond(stacks, stack => StackResponse.From(stack, cf.Urls), cf.Urls, "/v3/stacks", OrderKeys));
    }

    private static IResult Apps(string guid, CfContext cf)
    {
        var stack = Find(cf, guid);
        var query = ListQuery.Parse(cf.Http.Request, AppsSpec);
        var access = cf.Access();
        var apps = query.Standard(access.World.Of<App>()).Where(app => app.Lifecycle.Stack == stack.Name && access.CanReadSpace(app.SpaceGuid));
        return CfResults.Ok(query.Respond(apps, app => AppResponse.From(app, cf.Urls), cf.Urls, $"/v3/stacks/{guid}/apps"));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "description", "state", "state_reason", "metadata");
        var name = body.String("name", required: true, maxLength: 250);
        var description = body.String("description", maxLength: 250);
        var state = ReadState(body);
        var reason = body.String("state_reason", maxLength: 5000);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var stack = cf.Write(transaction =>
        {
            if (Stack.Named(transaction.World, name!) is not null)
            {
                throw CfErrors.Unprocessable("Name must be unique");
            }

            return transaction.Put(new Stack(transaction.NewGuid(), name!, description, state ?? "ACTIVE", reason, false,
                ResourceMetadata.Empty.Apply(metadata), transaction.Now, transaction.Now));
        });
        return CfResults.Created(StackResponse.From(stack, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        Find(cf, guid);
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("state", "state_reason", "metadata");
        var state = ReadState(body);
        var reason = body.String("state_reason", maxLength: 5000);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var stack = transaction.Find<Stack>(guid) ?? throw CfErrors.NotFound("Stack");
            return transaction.Put(stack with
            {
                State = state ?? stack.State,
                StateReason = body.Has("state_reason") ? reason : stack.StateReason,
                Metadata = stack.Metadata.Apply(metadata),
                UpdatedAt = transaction.Now,
            });
        });
        return CfResults.Ok(StackResponse.From(updated, cf.Urls));
    }

    private static IResult Delete(string guid, CfContext cf)
    {
        Find(cf, guid);
        cf.Access().RequireAdmin();
        cf.Write(transaction => transaction.Remove<Stack>(guid));
        return CfResults.NoContent();
    }

    private static string? ReadState(RequestBody body)
    {
        var state = body.String("state");
        if (body.Has("state") && !Stack.States.Contains(state ?? string.Empty))
        {
            body.AddError("state", $"must be one of {string.Join(", ", Stack.States)}");
        }

        return state;
    }
}
