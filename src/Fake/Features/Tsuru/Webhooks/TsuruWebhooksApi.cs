using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>Tsuru event webhooks: list, info, create, update and delete per team; delivery lives in <see cref="TsuruWebhookDelivery"/>.</summary>
public sealed class TsuruWebhooksApi : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        TsuruWebhookClients.Add(services);
        services.AddSingleton<TsuruWebhookDelivery>();
        services.AddSingleton<CommitListener>(provider => provider.GetRequiredService<TsuruWebhookDelivery>().OnCommit);
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.6", "/events/webhooks", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruWebhook>().All.Where(hook => TsuruAuth.CanUseTeam(user, hook.TeamOwner)).Select(hook => hook.Present()));
        });
        TsuruRoutes.Map(routes, "POST", "1.6", "/events/webhooks", (HttpContext context) => SaveAsync(context, null));
        TsuruRoutes.Map(routes, "GET", "1.6", "/events/webhooks/{name}", (string name, HttpContext context) =>
            TsuruJson.Json(Existing(context, TsuruAuth.World(context), name).Present()));
        TsuruRoutes.Map(routes, "PUT", "1.6", "/events/webhooks/{name}", (string name, HttpContext context) => SaveAsync(context, name));
        TsuruRoutes.Map(routes, "DELETE", "1.6", "/events/webhooks/{name}", (string name, HttpContext context) =>
            context.Foundation().Write(transaction =>
            {
                Existing(context, transaction.World, name);
                transaction.Remove<TsuruWebhook>(name);
                TsuruEvents.Record(transaction, "webhook.delete", "webhook", name, TsuruAuth.User(context));
                return Results.Ok();
            }));
    }

    /// <summary>The server writes its 404 before the error, so the text of the error follows as the body.</summary>
    private static TsuruWebhook Existing(HttpContext context, World world, string name)
    {
        var user = TsuruAuth.User(context);
        var hook = world.Find<TsuruWebhook>(name) ?? throw TsuruException.NotFound("webhook not found");
        return TsuruAuth.CanUseTeam(user, hook.TeamOwner) ? hook : throw TsuruException.Forbidden();
    }

    private static async Task<IResult> SaveAsync(HttpContext context, string? existing)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = existing ?? input.Value("name") ?? string.Empty;
        var team = input.Value("team_owner") is { Length: > 0 } owner ? owner : TsuruAuth.OnlyTeam(TsuruAuth.World(context), user);
        if (!TsuruAuth.CanUseTeam(user, team))
        {
            throw TsuruException.Forbidden();
        }

        if (existing is null && name.Length == 0)
        {
            throw TsuruException.BadRequest("webhook name must not be empty");
        }

        if (existing is null && !TsuruNames.IsValid(name))
        {
            throw TsuruException.BadRequest("Invalid webhook name, webhook name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        }

        ImmutableList<string> Filter(string key) => [.. input.Values($"event_filter.{key}")];
        var hook = new TsuruWebhook(
            name,
            input.Value("description") ?? string.Empty,
            team,
            new TsuruWebhookFilter(
                Filter("target_types"), Filter("target_values"), Filter("kind_types"), Filter("kind_names"),
                input.Flag("event_filter.error_only"), input.Flag("event_filter.success_only")),
            input.Value("url") ?? string.Empty,
            input.Value("proxy_url") ?? string.Empty,
            input.Map("headers").Keys.ToImmutableSortedDictionary(key => key, key => ImmutableList.CreateRange(input.Values($"headers.{key}")), StringComparer.Ordinal),
            input.Value("method") ?? string.Empty,
            input.Value("body") ?? string.Empty,
            input.Flag("insecure"));
        return context.Foundation().Write(transaction =>
        {
            var found = transaction.Find<TsuruWebhook>(name) is not null;
            if (found == (existing is null))
            {
                return Results.StatusCode(found ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
            }

            transaction.Put(hook);
            TsuruEvents.Record(transaction, existing is null ? "webhook.create" : "webhook.update", "webhook", name, user);
            return Results.Ok();
        });
    }
}
