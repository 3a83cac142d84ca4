using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>The OSBAPI requests the Cloud Controller sends for instances and bindings; each reads its answer by its own status table.</summary>
public enum BrokerCallKind
{
    Provision,
    Update,
    Deprovision,
    Bind,
    Unbind,
    LastOperation,
    Fetch,
}

/// <summary>One OSBAPI request: its kind, method, path with query, and JSON body.</summary>
public sealed record BrokerCall(BrokerCallKind Kind, HttpMethod Method, string PathAndQuery, JsonObject? Body = null);
