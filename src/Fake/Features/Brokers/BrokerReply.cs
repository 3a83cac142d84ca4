using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>
/// A broker's answer to one OSBAPI request, read the way the Cloud Controller reads it: an operation state
/// (<c>succeeded</c>, <c>in progress</c>, <c>failed</c>) with the body, or the error the request ended with.
/// </summary>
public sealed record BrokerReply(string State, JsonObject Body, CfError? Error = null, bool Orphaned = false)
{
    public const string Succeeded = "succeeded";
    public const string InProgress = "in progress";
    public const string Failed = "failed";

    /// <summary>The broker-provided operation id of an asynchronous answer.</summary>
    public string? Operation => Body["operation"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body["operation"]!.GetValue<string>() : null;

    /// <summary>The description of a last operation, or the error text.</summary>
    public string? Description => Error?.Detail ?? (Body["description"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body["description"]!.GetValue<string>() : null);

    public static BrokerReply Failure(CfError error, bool orphaned = false) => new(Failed, [], error, orphaned);
}
