using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>
/// Masks secrets before a body is kept in the journal: the values (at any depth) of secret fields such as passwords,
/// tokens, credentials and environment variables, and every value of the endpoints that answer nothing but secrets
/// (service credentials, an app's environment). Keys stay, so the journal still shows what was sent.
/// </summary>
public static partial class SecretRedaction
{
    private const string Hidden = "[REDACTED]";

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "access_token", "refresh_token", "id_token", "client_secret", "credentials", "token", "authentication",
        "environment_variables", "var", "staging_env_json", "running_env_json", "system_env_json", "application_env_json",
        "envs", "env", "parameters",
    };

    public static string Redact(string path, string body)
    {
        var everything = SecretEndpoint().IsMatch(path);
        try
        {
            if (RequestJson.Parse(body) is { } json)
            {
                return (everything && json is JsonValue ? JsonValue.Create(Hidden) : Mask(json, everything)).ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a form, text, or a body cut at the journal's limit): masked by pattern below.
        }

        return everything ? Hidden : FormSecret().Replace(JsonSecret().Replace(body, "$1\"" + Hidden + "\""), "$1" + Hidden);
    }

    private static JsonNode Mask(JsonNode node, bool everything)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    MaskChild(value, everything || SecretFields.Contains(key), masked => json[key] = masked);
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    var at = index;
                    MaskChild(array[index], everything, masked => array[at] = masked);
                }

                break;
        }

        return node;
    }

    private static void MaskChild(JsonNode? child, bool secret, Action<JsonNode> replace)
    {
        if (child is JsonObject or JsonArray)
        {
            Mask(child, secret);
        }
        else if (child is not null && secret)
        {
            replace(JsonValue.Create(Hidden));
        }
    }

    [GeneratedRegex(@"/(credentials|details|env|environment_variables|parameters)/?$|/environment_variable_groups/", RegexOptions.IgnoreCase)]
    private static partial Regex SecretEndpoint();

    [GeneratedRegex("(\"(?:password|access_token|refresh_token|id_token|client_secret|credentials|token|var|environment_variables)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^{}]*\\})", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecret();

    [GeneratedRegex("((?:^|&)(?:password|client_secret|refresh_token|token|value)=)[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex FormSecret();
}
