using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// The recipes of a run that may register a service broker: the <c>with_broker</c> sections laid over the base ones
/// (entry by entry), with <c>{broker_url}</c>, <c>{broker_username}</c> and <c>{broker_password}</c> filled from the URL.
/// </summary>
public static class BrokerRecipes
{
    /// <summary>The recipes for a run with the broker at <paramref name="brokerUrl"/>.</summary>
    public static JsonObject Apply(JsonObject recipes, Uri brokerUrl)
    {
        var credentials = brokerUrl.UserInfo.Length > 0 ? Uri.UnescapeDataString(brokerUrl.UserInfo).Split(':', 2) : ["broker", "broker"];
        var address = new UriBuilder(brokerUrl) { UserName = string.Empty, Password = string.Empty }.Uri.ToString().TrimEnd('/');
        var text = recipes.ToJsonString()
            .Replace("{broker_url}", JsonEncodedText.Encode(address).ToString(), StringComparison.Ordinal)
            .Replace("{broker_username}", JsonEncodedText.Encode(credentials[0]).ToString(), StringComparison.Ordinal)
            .Replace("{broker_password}", JsonEncodedText.Encode(credentials.ElementAtOrDefault(1) ?? string.Empty).ToString(), StringComparison.Ordinal);
        var applied = JsonNode.Parse(text)!.AsObject();
        if (applied["with_broker"] is not JsonObject overlay)
        {
            return applied;
        }

        foreach (var (section, entries) in overlay)
        {
            if (applied[section] is not JsonObject target)
            {
                target = [];
                applied[section] = target;
            }

            foreach (var (key, value) in entries!.AsObject())
            {
                target[key] = value?.DeepClone();
            }
        }

        return applied;
    }
}
