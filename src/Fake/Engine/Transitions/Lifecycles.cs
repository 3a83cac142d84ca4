using System.Collections.Immutable;

namespace CloudFoundry.Fake.Engine.Transitions;

/// <summary>Finishes one lifecycle: moves the resource to its final (or failed) state.</summary>
public delegate void TransitionHandler(Transaction transaction, string resourceGuid, string? failure);

/// <summary>
/// The transition framework every lifecycle plugs into. A feature registers a handler per kind; starting
/// a lifecycle either finishes it at once or records a <see cref="PendingTransition"/> that finishes on
/// polls, on clock time, or when stepped.
/// </summary>
public sealed class Lifecycles
{
    private readonly Dictionary<string, TransitionHandler> handlers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => handlers.Keys;

    public void Register(string kind, TransitionHandler handler) => handlers[kind] = handler;

    public bool IsKnown(string kind) => handlers.ContainsKey(kind);

    public void Begin(Transaction transaction, string kind, string resourceGuid)
    {
        var settings = transaction.Setting(TransitionSettings.Default);
        var failure = TakeScriptedFailure(transaction, settings, kind);
        var policy = settings.PolicyFor(kind);
        if (policy.Mode == TransitionMode.Immediate)
        {
            handlers[kind](transaction, resourceGuid, failure);
            return;
        }

        transaction.Put(new PendingTransition(
            PendingTransition.KeyOf(kind, resourceGuid),
            kind,
            resourceGuid,
            transaction.Now,
            policy.Mode,
            Math.Max(policy.Polls, 1),
            policy.Mode == TransitionMode.AfterTime ? transaction.Now + policy.Delay : null,
            failure));
    }

    public static bool IsPending(World world, string kind, string resourceGuid) =>
        world.Of<PendingTransition>().Contains(PendingTransition.KeyOf(kind, resourceGuid));

    /// <summary>Counts a client's read of the resource when its lifecycle is pending (see <see cref="Poll"/>).</summary>
    public void PollIfPending(Foundation foundation, string kind, string resourceGuid)
    {
        if (IsPending(foundation.World, kind, resourceGuid))
        {
            foundation.Write(transaction => Poll(transaction, kind, resourceGuid));
        }
    }

    /// <summary>Counts one read of the resource; finishes the lifecycle when its polls are used up.</summary>
    public void Poll(Transaction transaction, string kind, string resourceGuid)
    {
        var pending = transaction.Find<PendingTransition>(PendingTransition.KeyOf(kind, resourceGuid));
        if (pending is not { Mode: TransitionMode.AfterPolls })
        {
            return;
        }

        if (pending.PollsLeft <= 1)
        {
            Finish(transaction, pending, pending.Failure);
        }
        else
        {
            transaction.Put(pending with { PollsLeft = pending.PollsLeft - 1 });
        }
    }

    public static bool HasDue(World world, DateTimeOffset now) =>
        world.Of<PendingTransition>().All.Any(pending => pending.DueAt <= now);

    public int FinishDue(Transaction transaction)
    {
        var due = transaction.Of<PendingTransition>().All.Where(pending => pending.DueAt <= transaction.Now).ToList();
        foreach (var pending in due)
        {
            Finish(transaction, pending, pending.Failure);
        }

        return due.Count;
    }

    /// <summary>Finishes pending lifecycles of a kind (all, or the one of a resource), optionally failing them.</summary>
    public int Step(Transaction transaction, string kind, string? resourceGuid, string? failure)
    {
        var selected = transaction.Of<PendingTransition>().All
            .Where(pending => pending.Kind == kind && (resourceGuid is null || pending.ResourceGuid == resourceGuid))
            .ToList();
        foreach (var pending in selected)
        {
            Finish(transaction, pending, failure ?? pending.Failure);
        }

        return selected.Count;
    }

    public static void SetPolicy(Transaction transaction, string kind, TransitionPolicy policy)
    {
        var settings = transaction.Setting(TransitionSettings.Default);
        transaction.SetSetting(settings with { Policies = settings.Policies.SetItem(kind, policy) });
    }

    public static void FailNext(Transaction transaction, string kind, string failure)
    {
        var settings = transaction.Setting(TransitionSettings.Default);
        var queue = settings.ScriptedFailures.GetValueOrDefault(kind, []);
        transaction.SetSetting(settings with
        {
            ScriptedFailures = settings.ScriptedFailures.SetItem(kind, queue.Enqueue(failure)),
        });
    }

    private void Finish(Transaction transaction, PendingTransition pending, string? failure)
    {
        transaction.Remove<PendingTransition>(pending.Guid);
        handlers[pending.Kind](transaction, pending.ResourceGuid, failure);
    }

    private static string? TakeScriptedFailure(Transaction transaction, TransitionSettings settings, string kind)
    {
        if (!settings.ScriptedFailures.TryGetValue(kind, out var queue) || queue.IsEmpty)
        {
            return null;
        }

        var remaining = queue.Dequeue(out var failure);
        transaction.SetSetting(settings with
        {
            ScriptedFailures = remaining.IsEmpty
                ? settings.ScriptedFailures.Remove(kind)
                : settings.ScriptedFailures.SetItem(kind, remaining),
        });
        return failure;
    }
}
