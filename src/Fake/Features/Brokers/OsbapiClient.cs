using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Features.Marketplace;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>Where a broker listens and the basic-auth credentials the platform uses with it.</summary>
public sealed record BrokerEndpoint(string Url, string? Username, string? Password);

/// <summary>
/// Talks to a registered broker over the Open Service Broker API as the Cloud Controller does (basic auth, API
/// version, request and originating identity headers) and reads each answer by the status table of its request kind.
/// </summary>
public sealed class OsbapiClient(IHttpClientFactory clients)
{
    public const string ClientName = "service-brokers";
    public const string ApiVersion = "2.16";

    /// <summary>The raw exchange: status, body text, or the transport error (unreachable, timed out) it ended with.</summary>
    public async Task<(HttpStatusCode Status, string ReasonPhrase, string Body, CfError? TransportError)> ExchangeAsync(
        BrokerEndpoint broker, HttpMethod method, string pathAndQuery, JsonObject? body, string? userGuid, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, broker.Url.TrimEnd('/') + pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.Username}:{broker.Password}")));
        request.Headers.Add("X-Broker-API-Version", ApiVersion);
        request.Headers.Add("X-Broker-API-Request-Identity", Guid.NewGuid().ToString());
        if (userGuid is not null)
        {
            var identity = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["user_id"] = userGuid }.ToJsonString()));
            request.Headers.Add("X-Broker-API-Originating-Identity", "cloudfoundry " + identity);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return (response.StatusCode, response.ReasonPhrase ?? string.Empty, await response.Content.ReadAsStringAsync(cancellationToken), null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, string.Empty, string.Empty, Error("ServiceBrokerApiTimeout", "The request to the service broker timed out"));
        }
        catch (HttpRequestException)
        {
            return (0, string.Empty, string.Empty, Error("ServiceBrokerApiUnreachable", "The service broker could not be reached"));
        }
    }

    public async Task<BrokerReply> SendAsync(ServiceBroker broker, BrokerCall call, string? userGuid, CancellationToken cancellationToken)
    {
        var (status, reason, text, transportError) = await ExchangeAsync(new BrokerEndpoint(broker.Url, broker.Username, broker.Password), call.Method, call.PathAndQuery, call.Body, userGuid, cancellationToken);
        if (transportError is not null)
        {
            return BrokerReply.Failure(transportError, orphaned: transportError.Title == "CF-ServiceBrokerApiTimeout" && call.Kind is BrokerCallKind.Provision or BrokerCallKind.Bind);
        }

        var body = ParseObject(text);
        var code = (int)status;
        var reply = Read(call.Kind, code, body) ?? BrokerReply.Failure(Common(code, reason, text, body) ?? BadResponse(code, reason, text, body, call.Kind), orphaned: Orphans(call.Kind, code));
        if (reply.Error is null && body is null && code is 200 or 201 or 202 && call.Kind != BrokerCallKind.Unbind && call.Kind != BrokerCallKind.Deprovision)
        {
            return BrokerReply.Failure(Error("ServiceBrokerResponseMalformed", $"The service broker returned an invalid response: expected valid JSON object in body, broker returned '{text}'"), orphaned: code != 200 && Orphans(call.Kind, 500));
        }

        return reply;
    }

    private static bool Orphans(BrokerCallKind kind, int code) => kind is BrokerCallKind.Provision or BrokerCallKind.Bind && code is >= 500 or (> 202 and < 400) or 201;

    /// <summary>The answers a request kind accepts (or maps to its own errors); null falls through to the common errors.</summary>
    private static BrokerReply? Read(BrokerCallKind kind, int code, JsonObject? body)
    {
        var json = body ?? [];
        return (kind, code) switch
        {
            (BrokerCallKind.Provision or BrokerCallKind.Bind, 200 or 201) => new BrokerReply(BrokerReply.Succeeded, json),
            (BrokerCallKind.Update or BrokerCallKind.Deprovision or BrokerCallKind.Unbind or BrokerCallKind.Fetch, 200) => new BrokerReply(BrokerReply.Succeeded, json),
            (BrokerCallKind.Provision or BrokerCallKind.Bind or BrokerCallKind.Update or BrokerCallKind.Deprovision or BrokerCallKind.Unbind, 202) => new BrokerReply(BrokerReply.InProgress, json),
            (BrokerCallKind.Deprovision or BrokerCallKind.Unbind or BrokerCallKind.LastOperation, 410) => new BrokerReply(BrokerReply.Succeeded, new JsonObject { ["gone"] = true }),
            (BrokerCallKind.Provision or BrokerCallKind.Bind, 409) => BrokerReply.Failure(Error("ServiceBrokerConflict", DescribedOr(body, "Resource conflict"))),
            (BrokerCallKind.LastOperation, 200) => ReadLastOperation(json),
            (_, 422) => Unprocessable(kind, body),
            _ => null,
        };
    }

    private static BrokerReply ReadLastOperation(JsonObject body) =>
        body["state"]?.GetValueKind() == JsonValueKind.String && body["state"]!.GetValue<string>() is BrokerReply.Succeeded or BrokerReply.InProgress or BrokerReply.Failed
            ? new BrokerReply(body["state"]!.GetValue<string>(), body)
            : BrokerReply.Failure(Error("ServiceBrokerResponseMalformed", $"The service broker returned an invalid response: expected state was 'succeeded', broker returned '{body["state"]}'."));

    private static BrokerReply Unprocessable(BrokerCallKind kind, JsonObject? body)
    {
        var error = body?["error"]?.GetValueKind() == JsonValueKind.String ? body["error"]!.GetValue<string>() : null;
        return BrokerReply.Failure(error switch
        {
            "AsyncRequired" => Error("AsyncRequired", "This service plan requires client support for asynchronous service operations."),
            "ConcurrencyError" when kind != BrokerCallKind.Update => Error("ConcurrencyError", "The service broker could not perform this operation in parallel with other running operations"),
            "RequiresApp" when kind == BrokerCallKind.Bind => Error("AppRequired", "This service supports generation of credentials through binding an application only."),
            "MaintenanceInfoConflict" when kind is BrokerCallKind.Provision or BrokerCallKind.Update => Error("MaintenanceInfoConflict", DescribedOr(body, "The service broker did not provide a reason for this conflict, please ensure the catalog is up to date and you are providing a version supported by this service plan")),
            _ when kind == BrokerCallKind.Update => Error("ServiceBrokerRequestRejected", DescribedOr(body, "The service broker rejected the request. Status Code: 422 Unprocessable Entity")),
            _ => Error("ServiceBrokerBadResponse", DescribedOr(body, "The service broker returned an invalid response. Status Code: 422 Unprocessable Entity")),
        });
    }

    private static CfError? Common(int code, string reason, string text, JsonObject? body) => code switch
    {
        401 => Error("ServiceBrokerApiAuthenticationFailed", "Authentication with the service broker failed. Double-check that the username and password are correct."),
        408 => Error("ServiceBrokerApiTimeout", "The request to the service broker timed out"),
        409 or 410 or 422 => null,
        >= 400 and < 500 => Error("ServiceBrokerRequestRejected", DescribedOr(body, $"The service broker rejected the request. Status Code: {code} {reason}, Body: {text}")),
        _ => null,
    };

    private static CfError BadResponse(int code, string reason, string text, JsonObject? body, BrokerCallKind kind) =>
        Error("ServiceBrokerBadResponse", code == 201 && kind is BrokerCallKind.Update or BrokerCallKind.Deprovision or BrokerCallKind.Unbind
            ? $"The service broker returned an invalid response. Status Code: {code} {reason}, Body: {text}"
            : DescribedOr(body, $"The service broker returned an invalid response. Status Code: {code} {reason}, Body: {text}"));

    private static string DescribedOr(JsonObject? body, string fallback) =>
        body?["description"]?.GetValueKind() == JsonValueKind.String ? "Service broker error: " + body["description"]!.GetValue<string>() : fallback;

    /// <summary>Broker errors are rendered by their class name with the unknown-error code, as Cloud Controller's V3 error hasher does.</summary>
    private static CfError Error(string name, string detail) => new(detail, "CF-" + name, 10001);

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
