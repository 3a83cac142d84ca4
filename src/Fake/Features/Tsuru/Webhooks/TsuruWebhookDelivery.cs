using System.Runtime.CompilerServices;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>
/// Calls the webhooks whose filter matches each event a committed write finished, in the background: the write is
/// neither delayed nor failed by a call, and a failed call is only logged, as the server's webhook service does.
/// </summary>
public sealed class TsuruWebhookDelivery(IHttpClientFactory clients, ILogger<TsuruWebhookDelivery> logger)
{
    private readonly ConditionalWeakTable<Foundation, TsuruWebhookQueue> queues = [];

    public void OnCommit(Foundation foundation, Transaction transaction, World before)
    {
        var finished = transaction.Changes<TsuruEvent>(before, transaction.World)
            .Where(change => change.After is { Running: false } && change.Before is not { Running: false })
            .Select(change => change.After!)
            .ToList();
        if (finished.Count == 0)
        {
            return;
        }

        var hooks = transaction.World.Of<TsuruWebhook>().All;
        foreach (var evt in finished)
        {
            foreach (var hook in hooks.Where(hook => hook.EventFilter.Matches(evt)))
            {
                queues.GetValue(foundation, _ => new TsuruWebhookQueue()).Enqueue(() => CallAsync(hook, evt));
            }
        }
    }

    private async Task CallAsync(TsuruWebhook hook, TsuruEvent evt)
    {
        try
        {
            using var request = TsuruWebhookRequest.Create(hook, evt);
            using var response = await clients.CreateClient(TsuruWebhookClients.For(hook)).SendAsync(request);
            if ((int)response.StatusCode is < 200 or >= 400)
            {
                logger.LogWarning(
                    "[webhooks] error calling webhook {Hook} for event {Event}: invalid status code calling hook: {Status}: {Body}",
                    hook.Name, evt.Guid, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or FormatException or TsuruWebhookTemplateException)
        {
            logger.LogWarning("[webhooks] error calling webhook {Hook} for event {Event}: {Error}", hook.Name, evt.Guid, exception.Message);
        }
    }
}
