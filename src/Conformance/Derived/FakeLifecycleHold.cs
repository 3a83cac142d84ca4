using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// Against the fake, holds one lifecycle (a task, a Tsuru deploy) in its running state while an operation needs it
/// so (cancelling it, as on a real foundation): the fake's admin API sets the kind's policy to Manual on the foundation
/// the target talks to (<c>/_fake/foundations/current</c>); disposing puts the previous policy back. Does nothing when
/// the admin API does not answer (not the fake, or a key is needed).
/// </summary>
public sealed class FakeLifecycleHold : IAsyncDisposable
{
    private const string Lifecycles = "/_fake/foundations/current/lifecycles";

    private readonly TargetClient target;
    private readonly string kind;
    private readonly JsonNode? previous;

    private FakeLifecycleHold(TargetClient target, string kind, JsonNode? previous)
    {
        this.target = target;
        this.kind = kind;
        this.previous = previous;
    }

    /// <summary>Holds the fake's lifecycles of <paramref name="kind"/> (e.g. <c>task</c>, <c>tsuru_deploy</c>).</summary>
    public static async Task<FakeLifecycleHold> StartAsync(TargetClient target, string kind, CancellationToken cancellationToken)
    {
        var listed = await target.SendAsync("GET", Lifecycles, anonymous: true, cancellationToken: cancellationToken);
        var policy = listed.Status == 200 ? (listed.Body?["kinds"] as JsonArray)?.FirstOrDefault(entry => entry?["kind"]?.ToString() == kind)?["policy"] : null;
        if (policy is null)
        {
            return new FakeLifecycleHold(target, kind, null);
        }

        await target.SendAsync("PUT", $"{Lifecycles}/{kind}/policy", """{"mode":"Manual"}""", anonymous: true, cancellationToken: cancellationToken);
        return new FakeLifecycleHold(target, kind, policy.DeepClone());
    }

    /// <summary>Puts the policy the fake had back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (previous is not null)
        {
            var restored = new JsonObject { ["mode"] = previous["mode"]?.DeepClone(), ["polls"] = previous["polls"]?.DeepClone(), ["delaySeconds"] = previous["delay_seconds"]?.DeepClone() };
            await target.SendAsync("PUT", $"{Lifecycles}/{kind}/policy", restored.ToJsonString(), anonymous: true);
        }
    }
}
