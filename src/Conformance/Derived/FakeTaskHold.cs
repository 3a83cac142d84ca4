using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// Against the fake, holds tasks in RUNNING for the suite (the fake's admin API sets the default foundation's task
/// policy to Manual) so one can be cancelled as on a real foundation; disposing puts the previous policy back.
/// </summary>
public sealed class FakeTaskHold : IAsyncDisposable
{
    private const string Lifecycles = "/_fake/foundations/default/lifecycles";

    private readonly TargetClient target;
    private readonly JsonNode? previous;

    private FakeTaskHold(TargetClient target, JsonNode? previous)
    {
        this.target = target;
        this.previous = previous;
    }

    /// <summary>Holds the fake's tasks; does nothing when the admin API does not answer (not the fake, or a key is needed).</summary>
    public static async Task<FakeTaskHold> StartAsync(TargetClient target, CancellationToken cancellationToken)
    {
        var listed = await target.SendAsync("GET", Lifecycles, anonymous: true, cancellationToken: cancellationToken);
        var policy = (listed.Body?["kinds"] as JsonArray)?.FirstOrDefault(kind => kind?["kind"]?.ToString() == "task")?["policy"];
        if (listed.Status != 200 || policy is null)
        {
            return new FakeTaskHold(target, null);
        }

        await target.SendAsync("PUT", Lifecycles + "/task/policy", """{"mode":"Manual"}""", anonymous: true, cancellationToken: cancellationToken);
        return new FakeTaskHold(target, policy.DeepClone());
    }

    /// <summary>Puts the task policy the fake had back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (previous is not null)
        {
            var restored = new JsonObject { ["mode"] = previous["mode"]?.DeepClone(), ["polls"] = previous["polls"]?.DeepClone(), ["delaySeconds"] = previous["delay_seconds"]?.DeepClone() };
            await target.SendAsync("PUT", Lifecycles + "/task/policy", restored.ToJsonString(), anonymous: true);
        }
    }
}
