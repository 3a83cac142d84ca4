using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// Makes the resources operations need, following the recipes of <c>specs/scenarios/prerequisites</c>: each created
/// resource carries the run prefix and is remembered, so <see cref="CleanUpAsync"/> deletes everything the run made
/// (newest first) and nothing else.
/// </summary>
public sealed partial class Prerequisites(TargetClient target, JsonObject recipes, string runPrefix)
{
    private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);
    private readonly List<string> created = [];
    private readonly List<Task<Exchange>> started = [];
    private readonly SelfSignedCertificates certificates = new();
    private int counter;

    /// <summary>Why the last resource could not be made.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>A fresh run-prefixed name.</summary>
    public string NewName() => $"{runPrefix}-{++counter}";

    /// <summary>The guid of a resource of the collection (e.g. <c>/v3/apps</c>): shared unless <paramref name="fresh"/>.</summary>
    public async Task<string?> EnsureAsync(string collection, bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh && shared.TryGetValue(collection, out var known))
        {
            return known;
        }

        string? guid;
        try
        {
            guid = recipes["create"]?[collection] is JsonObject recipe
                ? await CreateAsync(collection, recipe, cancellationToken)
                : await FirstListedAsync(collection, cancellationToken);
        }
        catch (MissingPrerequisiteException missing)
        {
            LastFailure = $"{collection} needs {missing.Message}";
            return null;
        }

        if (!fresh && guid is not null)
        {
            shared[collection] = guid;
        }

        return guid;
    }

    /// <summary>
    /// The body to send for an operation: the recipe's body for it (<c>bodies</c>), else the collection's create body
    /// for a create, else its example adapted to the run.
    /// </summary>
    public async Task<JsonNode?> BodyAsync(DerivedOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            if (recipes["bodies"]?[$"{operation.Method} {operation.Path}"] is { } body)
            {
                return await FillAsync(body, cancellationToken);
            }

            if (operation.Method == "POST" && recipes["create"]?[operation.Path]?["body"] is { } create && recipes["create"]![operation.Path]!["path"] is null)
            {
                return await FillAsync(create, cancellationToken);
            }

            return await AdaptAsync(operation.RequestExample ?? new JsonObject(), operation.Path.Split('/')[^1], cancellationToken);
        }
        catch (MissingPrerequisiteException missing)
        {
            throw new InvalidOperationException(missing.Message, missing);
        }
    }

    /// <summary>A recipe's JSON with its placeholders filled (<c>{/collection}</c>, <c>{name}</c>, <c>{uuid}</c>) in every string.</summary>
    public async Task<JsonNode?> FillRecipeAsync(JsonNode? recipe, CancellationToken cancellationToken)
    {
        try
        {
            return await FillAsync(recipe, cancellationToken);
        }
        catch (MissingPrerequisiteException missing)
        {
            throw new InvalidOperationException(missing.Message, missing);
        }
    }

    /// <summary>
    /// The text body the recipes give an operation with its placeholders filled and its media type: a YAML manifest
    /// (<c>yaml</c>) or form fields (<c>urlencoded</c>, sent <c>application/x-www-form-urlencoded</c>, as Tsuru's unit agents
    /// post); null when none.
    /// </summary>
    public async Task<(string Text, string MediaType)?> TextBodyAsync(DerivedOperation operation, CancellationToken cancellationToken)
    {
        var key = $"{operation.Method} {operation.Path}";
        var (template, mediaType) = recipes["yaml"]?[key]?.GetValue<string>() is { } yaml ? (yaml, "application/x-yaml")
            : recipes["urlencoded"]?[key]?.GetValue<string>() is { } form ? (form, "application/x-www-form-urlencoded")
            : (null, string.Empty);
        if (template is null)
        {
            return null;
        }

        try
        {
            return (await FillTextAsync(template, cancellationToken), mediaType);
        }
        catch (MissingPrerequisiteException missing)
        {
            throw new InvalidOperationException(missing.Message, missing);
        }
    }

    /// <summary>
    /// The multipart form the recipes give an operation (<c>forms</c>: field -> text, or <c>{"filename", "content"}</c> for a
    /// file) with its placeholders filled; null when none.
    /// </summary>
    public async Task<JsonObject?> FormAsync(DerivedOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return recipes["forms"]?[$"{operation.Method} {operation.Path}"] is JsonObject form ? (await FillAsync(form, cancellationToken))!.AsObject() : null;
        }
        catch (MissingPrerequisiteException missing)
        {
            throw new InvalidOperationException(missing.Message, missing);
        }
    }

    /// <summary>
    /// An operation's example body made to fit this run: names become run names, related guids point at resources
    /// of the related collection.
    /// </summary>
    private async Task<JsonNode?> AdaptAsync(JsonNode? example, string relationship, CancellationToken cancellationToken)
    {
        if (example is null)
        {
            return null;
        }

        var body = example.DeepClone();
        if (body is JsonObject root && root["name"] is JsonValue)
        {
            root["name"] = NewName();
        }

        await RewireAsync(body, relationship, null, cancellationToken);
        return body;
    }

    /// <summary>
    /// The value of a path parameter that is not the resource guid, from the recipes: an entry for the path (for its last
    /// parameter a value, a lookup, or an upload to start whose answer's header is the value while the rest streams on;
    /// or an object giving any of its parameters by name, each one of those), else an entry for the parameter's name. A <c>{/collection}</c> in it is a resource of that collection; a fresh one
    /// for the last parameter of a DELETE (<paramref name="deleted"/>) when the entry is by name.
    /// </summary>
    public async Task<string?> ParameterAsync(string path, string name, string resource, bool last, bool deleted, CancellationToken cancellationToken)
    {
        var parameters = recipes["parameters"]!;
        var byPath = parameters[path] is JsonObject named && named["get"] is null && named["start"] is null ? named[name] : last ? parameters[path] : null;
        if (byPath is JsonObject start && start["start"] is not null)
        {
            return await StartAsync(name, start, cancellationToken);
        }

        if (byPath is JsonObject lookup)
        {
            return await LookupAsync(lookup, resource, cancellationToken);
        }

        if ((byPath ?? parameters[name])?.GetValue<string>() is { } template)
        {
            try
            {
                return await FillTextAsync(deleted && byPath is null ? template.Replace("{/", "{new:/", StringComparison.Ordinal) : template, cancellationToken);
            }
            catch (MissingPrerequisiteException missing)
            {
                LastFailure = $"{name} needs {missing.Message}";
                return null;
            }
        }

        return name.EndsWith("_guid", StringComparison.Ordinal) && CollectionFor(name[..^5]) is { } collection
            ? await EnsureAsync(collection, fresh: false, cancellationToken)
            : null;
    }

    /// <summary>
    /// A query string of the recipes with its placeholders filled (<c>{/collection}</c>, <c>{name}</c>): a string, or an
    /// object of parameter -> value, where a value may be a lookup (<c>{"get", "pointer"}</c>, <c>{guid}</c> in the path
    /// being the resource of <paramref name="path"/>, the operation's concrete path).
    /// </summary>
    public async Task<string?> QueryAsync(JsonNode template, string path, CancellationToken cancellationToken)
    {
        try
        {
            if (template is not JsonObject parameters)
            {
                return await FillTextAsync(template.GetValue<string>(), cancellationToken);
            }

            var pairs = new List<string>();
            foreach (var (name, value) in parameters)
            {
                var filled = value is JsonObject lookup
                    ? await LookupAsync(lookup, path.Split('/')[3], cancellationToken) ?? throw new MissingPrerequisiteException(LastFailure ?? name)
                    : await FillTextAsync(value!.GetValue<string>(), cancellationToken);
                pairs.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(filled)}");
            }

            return string.Join('&', pairs);
        }
        catch (MissingPrerequisiteException missing)
        {
            LastFailure = missing.Message;
            return null;
        }
    }

    /// <summary>
    /// Waits for the requests started in the background to end, then deletes everything the run created, newest first;
    /// failures are ignored (the owner may be gone already).
    /// </summary>
    public async Task CleanUpAsync()
    {
        foreach (var request in started)
        {
            try
            {
                await request;
            }
            catch (HttpRequestException)
            {
            }
        }

        started.Clear();
        for (var index = created.Count - 1; index >= 0; index--)
        {
            var answer = await target.SendAsync("DELETE", created[index]);
            if (answer.Status == 202)
            {
                await target.FollowJobAsync(answer.Location);
            }
        }

        created.Clear();
        shared.Clear();
    }

    private async Task<string?> StartAsync(string name, JsonObject entry, CancellationToken cancellationToken)
    {
        try
        {
            var header = entry["header"]!.GetValue<string>();
            var path = await FillTextAsync(entry["start"]!.GetValue<string>(), cancellationToken);
            var fields = entry["upload"]!.AsArray().Select(field => field!.GetValue<string>()).ToList();
            var (value, completion) = await target.StartUploadAsync(path, fields, SampleArchiveNames.Parse(recipes["archive"]?.GetValue<string>()), header, cancellationToken);
            started.Add(completion);
            LastFailure = value is null ? $"{name}: no {header} header answered {path}" : LastFailure;
            return value;
        }
        catch (MissingPrerequisiteException missing)
        {
            LastFailure = $"{name} needs {missing.Message}";
            return null;
        }
    }

    /// <summary>A value as one segment of a path: the characters that would end or split the segment escaped (a node's address is a URL).</summary>
    public static string PathSegment(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);

    /// <summary>The collection a relationship points at: <c>space</c>, <c>shared_spaces</c> → <c>/v3/spaces</c>.</summary>
    public static string? CollectionFor(string relationship)
    {
        var name = RelationshipPrefix().Replace(relationship, string.Empty) is "org" or "orgs" ? "organization" : RelationshipPrefix().Replace(relationship, string.Empty);
        var plural = name.EndsWith('s') ? name : name.EndsWith('y') ? name[..^1] + "ies" : name + "s";
        return name.Length == 0 ? null : "/v3/" + plural;
    }

    private async Task<string?> CreateAsync(string collection, JsonObject recipe, CancellationToken cancellationToken)
    {
        if (recipe["get"]?.GetValue<string>() is { } lookup)
        {
            var found = await target.SendAsync("GET", await FillTextAsync(lookup, cancellationToken), cancellationToken: cancellationToken);
            var pointer = recipe["pointer"]!.GetValue<string>();
            LastFailure = $"nothing at {pointer} of {found}";
            return JsonPointer.TryResolve(found.Body, pointer, out var value) ? value?.ToString() : null;
        }

        var form = recipe["form"] is JsonObject formTemplate ? (await FillAsync(formTemplate, cancellationToken))!.AsObject() : null;
        var body = form ?? await FillAsync(recipe["body"], cancellationToken);
        var realCollection = recipe["collection"]?.GetValue<string>() ?? collection;
        var path = recipe["path"]?.GetValue<string>() is { } template ? await FillTextAsync(template, cancellationToken) : realCollection;

        var method = recipe["method"]?.GetValue<string>() ?? "POST";
        var answer = form is not null
            ? await target.SendFormAsync(method, path, [.. form.Select(field => field.Key)], form, cancellationToken: cancellationToken)
            : await target.SendAsync(method, path, body?.ToJsonString(), cancellationToken: cancellationToken);
        var guid = recipe["id"]?.GetValue<string>() is { } id
            ? (answer.Status < 300 && JsonPointer.TryResolve(body, id, out var identifier) ? identifier?.ToString() : null)
            : GuidOf(answer.Body);
        if (method != "POST" && recipe["id"] is null)
        {
            return answer.Location?.Segments[^1];
        }

        if (answer.Status == 202 && guid is null)
        {
            var (_, job) = await target.FollowJobAsync(answer.Location, cancellationToken);
            guid = LinkedResource(job)
                ?? FirstGuid((await target.SendAsync("GET", $"{realCollection}?names={body?["name"]}", cancellationToken: cancellationToken)).Body);
        }

        if (guid is null)
        {
            LastFailure = $"could not create {collection}: {answer}";
            return null;
        }

        created.Add(recipe["delete"]?.GetValue<string>() is { } delete ? delete.Replace("{id}", PathSegment(guid), StringComparison.Ordinal) : $"{realCollection}/{PathSegment(guid)}");
        if (recipe["then"] is JsonArray then)
        {
            var own = JsonNode.Parse(then.ToJsonString().Replace("{self}", JsonEncodedText.Encode(guid).ToString(), StringComparison.Ordinal));
            var steps = ScenarioStep.ListFrom((await FillAsync(own, cancellationToken))!);
            var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["self"] = guid, ["run"] = runPrefix };
            var checks = await new ScenarioRunner(target).RunAsync(new Scenario("prerequisite " + collection, string.Empty, steps), variables, cancellationToken);
            if (checks.FirstOrDefault(check => !check.Passed) is { } failed)
            {
                LastFailure = $"could not prepare {collection}: {failed.Step} {failed.Message} {failed.Exchange}";
                return null;
            }
        }

        return guid;
    }

    private async Task<string?> LookupAsync(JsonObject lookup, string resource, CancellationToken cancellationToken)
    {
        var listed = await target.SendAsync("GET", lookup["get"]!.GetValue<string>().Replace("{guid}", resource, StringComparison.Ordinal), cancellationToken: cancellationToken);
        var found = JsonPointer.TryResolve(listed.Body, lookup["pointer"]!.GetValue<string>(), out var value) ? value?.ToString() : null;
        LastFailure = found is null ? $"nothing at {lookup["pointer"]} of {listed}" : LastFailure;
        return found;
    }

    private static string? LinkedResource(JsonNode? job) =>
        (job?["links"] as JsonObject)?.Where(link => link.Key != "self").Select(link => link.Value?["href"]?.GetValue<string>()).FirstOrDefault(found => found is not null) is { } href
            ? new Uri(href).Segments[^1]
            : null;

    private static string? FirstGuid(JsonNode? list) => GuidOf((list?["resources"] as JsonArray)?.FirstOrDefault());

    /// <summary>A resource's guid: at its top in V3, in its <c>metadata</c> in V2.</summary>
    private static string? GuidOf(JsonNode? resource) =>
        resource is JsonObject found ? (found["guid"] ?? found["metadata"]?["guid"])?.GetValue<string>() : null;

    private async Task<string?> FirstListedAsync(string collection, CancellationToken cancellationToken)
    {
        var listed = await target.SendAsync("GET", collection + "?per_page=1", cancellationToken: cancellationToken);
        var guid = FirstGuid(listed.Body);
        LastFailure = guid is null ? $"no {collection} to use: {listed}" : LastFailure;
        return guid;
    }

    private async Task<JsonNode?> FillAsync(JsonNode? node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonObject value:
                var filled = new JsonObject();
                foreach (var (key, child) in value)
                {
                    filled[key] = await FillAsync(child, cancellationToken);
                }

                return filled;
            case JsonArray list:
                var items = new JsonArray();
                foreach (var item in list)
                {
                    items.Add(await FillAsync(item, cancellationToken));
                }

                return items;
            case JsonValue text when text.TryGetValue<string>(out var template):
                return JsonValue.Create(await FillTextAsync(template, cancellationToken));
            default:
                return node?.DeepClone();
        }
    }

    private async Task<string> FillTextAsync(string template, CancellationToken cancellationToken)
    {
        var text = template.Replace("{name}", NewName(), StringComparison.Ordinal).Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        foreach (Match match in CollectionPlaceholder().Matches(template))
        {
            var guid = await EnsureAsync(match.Groups[2].Value, fresh: match.Groups[1].Success, cancellationToken)
                ?? throw new MissingPrerequisiteException(LastFailure ?? match.Value);
            text = text.Replace(match.Value, guid, StringComparison.Ordinal);
        }

        return certificates.Fill(text);
    }

    private async Task RewireAsync(JsonNode node, string? parentKey, string? grandparentKey, CancellationToken cancellationToken)
    {
        if (node is JsonArray list)
        {
            foreach (var item in list.OfType<JsonNode>().ToList())
            {
                await RewireAsync(item, parentKey, grandparentKey, cancellationToken);
            }

            return;
        }

        if (node is not JsonObject value)
        {
            return;
        }

        var relationship = parentKey == "data" ? grandparentKey : parentKey;
        if (value["guid"] is JsonValue && relationship is not null && CollectionFor(relationship) is { } collection
            && await EnsureAsync(collection, fresh: false, cancellationToken) is { } guid)
        {
            value["guid"] = guid;
        }

        foreach (var (key, child) in value.ToList())
        {
            if (child is not null && key != "metadata")
            {
                await RewireAsync(child, key, parentKey, cancellationToken);
            }
        }
    }

    private sealed class MissingPrerequisiteException(string message) : Exception(message);

    [GeneratedRegex(@"\{(new:)?(/[a-z0-9._]+/[a-z0-9_/-]+)\}")]
    private static partial Regex CollectionPlaceholder();

    [GeneratedRegex("^(shared_|current_|default_|running_|staging_)")]
    private static partial Regex RelationshipPrefix();
}
