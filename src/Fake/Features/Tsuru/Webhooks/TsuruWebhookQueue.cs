namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>
/// One foundation's webhook calls, run one at a time in the order their events finished, as the server's single webhook
/// worker runs them; a call that fails or hangs delays the calls behind it but not the requests of the foundation.
/// </summary>
public sealed class TsuruWebhookQueue
{
    private readonly Lock gate = new();
    private Task tail = Task.CompletedTask;

    public void Enqueue(Func<Task> call)
    {
        lock (gate)
        {
            tail = tail.ContinueWith(_ => call(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }
}
