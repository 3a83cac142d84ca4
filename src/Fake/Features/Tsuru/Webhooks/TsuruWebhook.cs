using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru.Webhooks;

/// <summary>
/// Which finished events call a webhook (the server's <c>WebhookEventFilter</c>). An empty list matches anything; a
/// kind name also matches the kinds below it (<c>app.update</c> matches <c>app.update.env.set</c>).
/// </summary>
public sealed record TsuruWebhookFilter(
    ImmutableList<string> TargetTypes,
    ImmutableList<string> TargetValues,
    ImmutableList<string> KindTypes,
    ImmutableList<string> KindNames,
    bool ErrorOnly,
    bool SuccessOnly)
{
    public bool Matches(TsuruEvent evt) =>
        AnyOrNone(TargetTypes, evt.TargetType)
        && AnyOrNone(TargetValues, evt.TargetValue)
        && AnyOrNone(KindTypes, TsuruEvents.PermissionKindType)
        && (KindNames.IsEmpty || KindNames.Any(name => evt.Kind == name || evt.Kind.StartsWith(name + ".", StringComparison.Ordinal)))
        && (evt.Error.Length > 0 ? !SuccessOnly : !ErrorOnly);

    public Dictionary<string, object> Present() => new()
    {
        ["target_types"] = TargetTypes,
        ["target_values"] = TargetValues,
        ["kind_types"] = KindTypes,
        ["kind_names"] = KindNames,
        ["error_only"] = ErrorOnly,
        ["success_only"] = SuccessOnly,
    };

    private static bool AnyOrNone(ImmutableList<string> accepted, string value) => accepted.IsEmpty || accepted.Contains(value);
}

/// <summary>A webhook of a team: the HTTP request the server sends when an event matching its filter finishes.</summary>
public sealed record TsuruWebhook(
    string Guid,
    string Description,
    string TeamOwner,
    TsuruWebhookFilter EventFilter,
    string Url,
    string ProxyUrl,
    ImmutableSortedDictionary<string, ImmutableList<string>> Headers,
    string Method,
    string Body,
    bool Insecure) : IResource
{
    public string Name => Guid;

    /// <summary>The server's <c>Webhook</c> JSON, fields in its declaration order.</summary>
    public Dictionary<string, object> Present() => new()
    {
        ["name"] = Name,
        ["description"] = Description,
        ["team_owner"] = TeamOwner,
        ["event_filter"] = EventFilter.Present(),
        ["url"] = Url,
        ["proxy_url"] = ProxyUrl,
        ["headers"] = Headers,
        ["method"] = Method,
        ["body"] = Body,
        ["insecure"] = Insecure,
    };
}
