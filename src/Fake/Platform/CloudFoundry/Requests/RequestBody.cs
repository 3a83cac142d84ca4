using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.Hosting;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Requests;

/// <summary>
/// A JSON request body read the way Cloud Controller's request messages read it: unknown keys, wrong types
/// and missing values are collected as ActiveModel-style messages ("Name can't be blank") and raised together
/// as one 422 by <see cref="ThrowIfInvalid"/>.
/// </summary>
public sealed class RequestBody
{
    private readonly string prefix;
    private readonly List<string> errors;

    private RequestBody(JsonObject json, string prefix, List<string> errors)
    {
        Json = json;
        this.prefix = prefix;
        this.errors = errors;
    }

    public JsonObject Json { get; }

    public IReadOnlyList<string> Errors => errors;

    public static async Task<RequestBody> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return Parse(text);
    }

    public static RequestBody Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestBody([], string.Empty, []);
        }

        try
        {
            return RequestJson.Parse(text) is JsonObject json
                ? new RequestBody(json, string.Empty, [])
                : throw CfErrors.MessageParse();
        }
        catch (JsonException)
        {
            throw CfErrors.MessageParse();
        }
    }

    public static RequestBody From(JsonObject json) => new(json, string.Empty, []);

    public void AddError(string message) => errors.Add(prefix + message);

    public void AddError(string key, string message) => errors.Add(prefix + Humanize(key) + " " + message);

    public bool Has(string key) => Json.ContainsKey(key);

    public bool IsNull(string key) => Json.TryGetPropertyValue(key, out var node) && node is null;

    /// <summary>Rejects keys outside <paramref name="allowed"/> with "Unknown field(s): 'a', 'b'".</summary>
    public RequestBody AllowOnly(params string[] allowed)
    {
        var unknown = Json.Select(pair => pair.Key).Where(key => !allowed.Contains(key, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            AddError($"Unknown field(s): '{string.Join("', '", unknown)}'");
        }

        return this;
    }

    public string? String(string key, bool required = false, int maxLength = 0, int minLength = 0)
    {
        if (!Json.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required)
            {
                AddError(key, "can't be blank");
            }

            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            AddError(key, "must be a string");
            return null;
        }

        var value = node.GetValue<string>();
        if (required && string.IsNullOrWhiteSpace(value))
        {
            AddError(key, "can't be blank");
        }
        else if (maxLength > 0 && value.Length > maxLength)
        {
            AddError(key, $"is too long (maximum is {maxLength} characters)");
        }
        else if (minLength > 0 && value.Length < minLength)
        {
            AddError(key, $"is too short (minimum is {minLength} characters)");
        }

        return value;
    }

    public bool? Boolean(string key)
    {
        if (!Json.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            AddError(key, "must be a boolean");
            return null;
        }

        return node.GetValue<bool>();
    }

    public long? Integer(string key, long? min = null, long? max = null, bool required = false)
    {
        if (!Json.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required)
            {
                AddError(key, "can't be blank");
            }

            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var value))
        {
            AddError(key, "is not a number");
            return null;
        }

        if (min is { } low && value < low)
        {
            AddError(key, $"must be greater than or equal to {low}");
        }
        else if (max is { } high && value > high)
        {
            AddError(key, $"must be less than or equal to {high}");
        }

        return value;
    }

    public IReadOnlyList<string>? StringArray(string key)
    {
        if (!Json.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String))
        {
            AddError(key, "must be an array of strings");
            return null;
        }

        return [.. array.Select(item => item!.GetValue<string>())];
    }

    /// <summary>A nested object whose messages are prefixed with the humanized key ("Relationships Space ...").</summary>
    public RequestBody? Object(string key, bool required = false, string? notObjectMessage = null)
    {
        if (!Json.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required)
            {
                AddError(key, notObjectMessage ?? "must be an object");
            }

            return null;
        }

        if (node is not JsonObject child)
        {
            AddError(key, notObjectMessage ?? "must be an object");
            return null;
        }

        return new RequestBody(child, prefix + Humanize(key) + " ", errors);
    }

    /// <summary>
    /// Reads <c>relationships.{name}.data.guid</c> of a create message, with Cloud Controller's messages for a
    /// missing or badly structured relationship.
    /// </summary>
    public string? ToOneRelationship(string name, bool required = true)
    {
        var relationships = Object("relationships", required, "'relationships' is not an object");
        if (relationships is null)
        {
            return null;
        }

        return relationships.ToOne(name, required);
    }

    /// <summary>Reads <c>{name: {data: {guid}}}</c> in this object.</summary>
    public string? ToOne(string name, bool required = true)
    {
        if (!Json.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                AddError(name, "can't be blank");
            }

            return null;
        }

        var structure = $"must be structured like this: \"{name}: {{\"data\": {{\"guid\": \"valid-guid\"}}}}\"";
        if (node is not JsonObject relationship || relationship.Count != 1 || !relationship.TryGetPropertyValue("data", out var data))
        {
            AddError(name, structure);
            return null;
        }

        if (data is null)
        {
            return null;
        }

        if (data is not JsonObject dataObject || dataObject.Count != 1 || !dataObject.TryGetPropertyValue("guid", out var guid))
        {
            AddError(name, structure);
            return null;
        }

        if (guid?.GetValueKind() != JsonValueKind.String)
        {
            AddError(name + "_guid", "must be a string");
            return null;
        }

        var value = guid.GetValue<string>();
        if (value.Length is < 1 or > 200)
        {
            AddError(name + "_guid", "must be between 1 and 200 characters");
        }

        return value;
    }

    /// <summary>Reads a to-many relationship body, <c>{"data": [{"guid": ...}]}</c>, with Cloud Controller's message for a bad shape.</summary>
    public IReadOnlyList<string> GuidList()
    {
        if (Json["data"] is JsonArray array &&
            array.All(item => item is JsonObject entry && entry["guid"]?.GetValueKind() == JsonValueKind.String))
        {
            return [.. array.Select(item => item!["guid"]!.GetValue<string>())];
        }

        AddError("data", "must be an array");
        return [];
    }

    /// <summary>Reads and validates the <c>metadata</c> key (labels and annotations; null values delete).</summary>
    public MetadataUpdate? Metadata()
    {
        if (!Json.TryGetPropertyValue("metadata", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject metadata)
        {
            AddError("metadata", "must be an object");
            return null;
        }

        var unexpected = metadata.Select(pair => pair.Key).Where(key => key is not ("labels" or "annotations")).ToList();
        if (unexpected.Count > 0)
        {
            AddError("metadata", $"has unexpected field(s): {string.Join(' ', unexpected.Select(key => $"'{key}'"))}");
        }

        var labels = ReadMetadataMap(metadata, "labels", isLabel: true);
        var annotations = ReadMetadataMap(metadata, "annotations", isLabel: false);
        return new MetadataUpdate(labels, annotations);
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw CfErrors.Unprocessable(errors);
        }
    }

    public static string Humanize(string key)
    {
        var words = key.Replace("_", " ", StringComparison.Ordinal).Trim();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private Dictionary<string, string?>? ReadMetadataMap(JsonObject metadata, string key, bool isLabel)
    {
        if (!metadata.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject map)
        {
            AddError("metadata", $"'{key}' is not an object");
            return null;
        }

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var kind = isLabel ? "label" : "annotation";
        foreach (var (entryKey, entryValue) in map)
        {
            string? value = null;
            if (entryValue is not null)
            {
                value = entryValue.GetValueKind() == JsonValueKind.String ? entryValue.GetValue<string>() : entryValue.ToJsonString();
            }

            if ((isLabel || !string.IsNullOrEmpty(value)) && MetadataRules.KeyError(entryKey) is { } keyError)
            {
                AddError("metadata", $"{kind} key error: {keyError}");
            }

            var valueError = value is null ? null : isLabel ? MetadataRules.LabelValueError(value) : MetadataRules.AnnotationValueError(value);
            if (valueError is not null)
            {
                AddError("metadata", $"{kind} value error: {valueError}");
            }

            result[entryKey] = value;
        }

        return result;
    }
}
