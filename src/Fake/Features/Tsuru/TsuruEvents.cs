using System.Globalization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A cancel request on an event; acknowledged (canceled) when the running operation stops on it.</summary>
public sealed record TsuruEventCancel(string Owner, DateTimeOffset StartTime, string Reason, DateTimeOffset? AckTime = null);

/// <summary>
/// A Tsuru event (24-hex ObjectId): what was done (kind = permission name), to what (target), by whom, when, and how
/// it ended. Every state change of the Tsuru side records one; deploys keep theirs running until they finish.
/// </summary>
public sealed record TsuruEvent(
    string Guid,
    string Kind,
    string TargetType,
    string TargetValue,
    string OwnerType,
    string OwnerName,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string Error,
    bool Running,
    bool Cancelable,
    TsuruEventCancel? Cancel) : IResource;

/// <summary>Records events and renders them as the server's <c>event.Event</c> JSON (Go field names).</summary>
public static class TsuruEvents
{
    /// <summary>The kind type of every event the fake records: each is named after the permission it exercised.</summary>
    public const string PermissionKindType = "permission";

    private static readonly DateTimeOffset ZeroTime = DateTimeOffset.MinValue;

    /// <summary>A new 24-hex event id, deterministic per foundation.</summary>
    public static string NewId(Transaction transaction) => transaction.NewGuid().Replace("-", string.Empty, StringComparison.Ordinal)[..24];

    /// <summary>
    /// Records a finished event (or a running one, for long operations such as deploys). An active event block
    /// matching it stops the whole change: the server refuses to open a blocked event.
    /// </summary>
    public static TsuruEvent Record(
        Transaction transaction, string kind, string targetType, string targetValue, TsuruUser owner, bool running = false, string? id = null)
    {
        var block = kind.StartsWith("event-block.", StringComparison.Ordinal) ? null : transaction.Of<TsuruEventBlock>().All.FirstOrDefault(block =>
            block.Active && kind.StartsWith(block.KindName, StringComparison.Ordinal) && (block.OwnerName.Length == 0 || block.OwnerName == owner.Email)
            && (block.TargetType.Length == 0 || (block.TargetType == targetType && (block.TargetValue.Length == 0 || block.TargetValue == targetValue))));
        if (block is not null)
        {
            throw TsuruException.Conflict($"error running \"{kind}\" on {targetType}({targetValue}): {Describe(block)}");
        }

        return transaction.Put(new TsuruEvent(
            id ?? NewId(transaction), kind, targetType, targetValue, owner.Email.EndsWith("@" + TsuruAuth.TeamTokenDomain, StringComparison.Ordinal) ? "token" : "user",
            owner.Email, transaction.Now, running ? null : transaction.Now, string.Empty, running, running, null));
    }

    /// <summary>The server's <c>Block.String()</c>.</summary>
    public static string Describe(TsuruEventBlock block)
    {
        var kind = block.KindName.Length > 0 ? block.KindName : "all actions";
        var owner = block.OwnerName.Length > 0 ? block.OwnerName : "all users";
        var target = block.TargetType.Length > 0 ? $"{block.TargetType}({block.TargetValue})" : "all targets";
        return $"block {kind} by {owner} on {target}: {block.Reason}";
    }

    /// <summary>Ends a running event, with the operation's error if it failed; a cancel asked for is acknowledged.</summary>
    public static void Finish(Transaction transaction, string id, string? error)
    {
        if (transaction.Find<TsuruEvent>(id) is { Running: true } running)
        {
            transaction.Put(running with { Running = false, EndTime = transaction.Now, Error = error ?? string.Empty, Cancel = running.Cancel is { } cancel ? cancel with { AckTime = transaction.Now } : null });
        }
    }

    /// <summary>Whether a cancel was asked for the running event.</summary>
    public static bool CancelAsked(World world, string id) => world.Find<TsuruEvent>(id)?.Cancel is not null;

    /// <summary>Whether the user may read the event: admins, its owner, and members of a team that sees its target.</summary>
    public static bool CanRead(World world, TsuruUser user, TsuruEvent evt) =>
        user.IsAdmin || evt.OwnerName == user.Email || evt.TargetType switch
        {
            "app" => world.Find<TsuruApp>(evt.TargetValue) is { } app && TsuruAuth.CanSee(user, app),
            "team" => user.Teams.Contains(evt.TargetValue),
            "user" => evt.TargetValue == user.Email,
            _ => false,
        };

    /// <summary>Go's <c>time.Time</c> JSON (RFC 3339 with trimmed nanoseconds, UTC).</summary>
    public static string Time(DateTimeOffset? at) =>
        (at ?? ZeroTime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Present(TsuruEvent evt)
    {
        var target = new Dictionary<string, string> { ["Type"] = evt.TargetType, ["Value"] = evt.TargetValue };
        var noData = new Dictionary<string, object?> { ["Kind"] = 0, ["Data"] = null };
        var scheme = evt.Kind.Split('.')[0];
        return new()
        {
            ["ID"] = new Dictionary<string, object> { ["Target"] = target, ["ObjId"] = evt.Guid },
            ["UniqueID"] = evt.Guid,
            ["StartTime"] = Time(evt.StartTime),
            ["EndTime"] = Time(evt.EndTime),
            ["Target"] = target,
            ["ExtraTargets"] = null,
            ["StartCustomData"] = noData,
            ["EndCustomData"] = noData,
            ["OtherCustomData"] = noData,
            ["Kind"] = new Dictionary<string, string> { ["Type"] = PermissionKindType, ["Name"] = evt.Kind },
            ["Owner"] = new Dictionary<string, string> { ["Type"] = evt.OwnerType, ["Name"] = evt.OwnerName },
            ["SourceIP"] = string.Empty,
            ["LockUpdateTime"] = Time(evt.EndTime ?? evt.StartTime),
            ["Error"] = evt.Error,
            ["Log"] = string.Empty,
            ["StructuredLog"] = null,
            ["CancelInfo"] = new Dictionary<string, object>
            {
                ["Owner"] = evt.Cancel?.Owner ?? string.Empty,
                ["StartTime"] = Time(evt.Cancel?.StartTime),
                ["AckTime"] = Time(evt.Cancel?.AckTime),
                ["Reason"] = evt.Cancel?.Reason ?? string.Empty,
                ["Asked"] = evt.Cancel is not null,
                ["Canceled"] = evt.Cancel?.AckTime is not null,
            },
            ["Cancelable"] = evt.Cancelable,
            ["Running"] = evt.Running,
            ["Allowed"] = new Dictionary<string, object> { ["Scheme"] = $"{scheme}.read.events", ["Contexts"] = Array.Empty<object>() },
            ["AllowedCancel"] = new Dictionary<string, object> { ["Scheme"] = evt.Cancelable ? $"{scheme}.update.events" : string.Empty, ["Contexts"] = Array.Empty<object>() },
            ["Instance"] = string.Empty,
        };
    }
}
