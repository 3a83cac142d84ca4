using System.Text.Json.Nodes;
using CloudFoundry.Fake.Features.Brokers;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>One service of a broker's catalog with its plans.</summary>
public sealed record CatalogService(string Id, string Name, string Description, IReadOnlyList<string> Tags, bool Shareable, IReadOnlyList<CatalogPlan> Plans, OfferingFeatures Features);

public sealed record CatalogPlan(string Id, string Name, string Description, bool Free);

/// <summary>
/// Fetches a broker's <c>GET /v2/catalog</c> the way the Cloud Controller does (basic auth, OSBAPI version and
/// identity headers) and reads it; failures become the real broker errors.
/// </summary>
public sealed class BrokerCatalog(OsbapiClient client)
{
    /// <summary>The catalog's services, or the Cloud Controller error the fetch ended with.</summary>
    public async Task<(IReadOnlyList<CatalogService>? Services, CfError? Error)> FetchAsync(string url, string username, string password, CancellationToken cancellationToken)
    {
        var (status, _, text, transportError) = await client.ExchangeAsync(new BrokerEndpoint(url, username, password), HttpMethod.Get, "/v2/catalog", null, null, cancellationToken);
        if (transportError is not null)
        {
            return (null, CfError.FromCatalogue("ServiceBrokerCatalogInvalid", $"the broker at {url} could not be reached: {transportError.Detail}"));
        }

        return (int)status is >= 200 and < 300 ? Parse(text) : (null, CfError.FromCatalogue("ServiceBrokerRequestRejected", (int)status));
    }
    private static (IReadOnlyList<CatalogService>? Services, CfError? Error) Parse(string text)
    {
        try
        {
            if (JsonNode.Parse(text)?["services"] is not JsonArray services)
            {
                return (null, CfError.FromCatalogue("ServiceBrokerCatalogInvalid", "Service broker catalog must have a services array"));
            }

            var read = services.OfType<JsonObject>().Select(service => new CatalogService(
                Required(service, "id"),
                Required(service, "name"),
                Required(service, "description"),
                [.. (service["tags"] as JsonArray ?? []).Select(tag => tag?.ToString() ?? string.Empty)],
                service["metadata"]?["shareable"]?.GetValue<bool>() == true,
                [.. (service["plans"] as JsonArray ?? []).OfType<JsonObject>().Select(plan => new CatalogPlan(
                    Required(plan, "id"), Required(plan, "name"), Required(plan, "description"), plan["free"]?.GetValue<bool>() ?? true))],
                new OfferingFeatures(
                    Flag(service, "bindable", true),
                    Flag(service, "plan_updateable", false),
                    Flag(service, "instances_retrievable", false),
                    Flag(service, "bindings_retrievable", false),
                    [.. (service["requires"] as JsonArray ?? []).Select(permission => permission?.ToString() ?? string.Empty)]))).ToList();
            var planless = read.Where(service => service.Plans.Count == 0).Select(service => service.Name).ToList();
            return planless.Count > 0
                ? (null, CfError.FromCatalogue("ServiceBrokerCatalogInvalid", $"Service {string.Join(", ", planless)} must have at least one plan"))
                : (read, null);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return (null, CfError.FromCatalogue("ServiceBrokerCatalogInvalid", exception.Message));
        }
    }

    private static bool Flag(JsonObject node, string key, bool absent) => node[key] is { } value ? value.GetValue<bool>() : absent;

    private static string Required(JsonObject node, string key) =>
        node[key]?.GetValue<string>() is { Length: > 0 } value ? value : throw new FormatException($"{key} is required");
}
