// Generates specs/cloudfoundry-v3.json (OpenAPI 3.0.3) and specs/catalog/cloudfoundry-v3-examples.json from the
// Cloud Controller V3 reference facts (endpoints.json and objects.json of the docs catalog), then applies the hand
// corrections of specs/tools/cloudfoundry-v3-corrections.json.
//
//   dotnet run specs/tools/GenerateCloudFoundryV3.cs -- <reference dir with endpoints.json and objects.json>
//
// Response schemas are inferred from every real example of a resource (all operations that return it, list items,
// included resources and the documented object): a field is required when every example has it, nullable when an
// example shows null, a guid when every value is a UUID, a date-time when every value is a timestamp.
#:property PublishAot=false
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run specs/tools/GenerateCloudFoundryV3.cs -- <reference dir>");
    return 2;
}

var repository = Directory.GetCurrentDirectory();
var endpoints = JsonNode.Parse(File.ReadAllText(Path.Combine(args[0], "endpoints.json")))!["endpoints"]!.AsArray();
var objects = JsonNode.Parse(File.ReadAllText(Path.Combine(args[0], "objects.json")))!.AsArray();
var corrections = JsonNode.Parse(File.ReadAllText(Path.Combine(repository, "specs/tools/cloudfoundry-v3-corrections.json")))!.AsObject();

var catalog = Catalog.From(endpoints, corrections);
var document = new SpecBuilder(catalog, objects, corrections).Build();
var options = new JsonSerializerOptions { WriteIndented = true };
File.WriteAllText(Path.Combine(repository, "specs/cloudfoundry-v3.json"), document.ToJsonString(options) + "\n");
File.WriteAllText(Path.Combine(repository, "specs/catalog/cloudfoundry-v3-examples.json"), catalog.Examples().ToJsonString(options) + "\n");
Console.WriteLine($"{catalog.Operations.Count} operations, {document["components"]!["schemas"]!.AsObject().Count} schemas");
return 0;

/// <summary>One operation: the docs' endpoint(s) for a method and path, merged.</summary>
internal sealed record Operation(string Method, string Path, string Section, string Title, IReadOnlyList<JsonObject> Endpoints)
{
    public bool IsPublic => Endpoints.Any(endpoint => endpoint["authentication_required"]?.GetValue<bool>() == false);

    /// <summary>Served without a token too (the docs list "Unauthenticated Users" among the permitted roles).</summary>
    public bool AllowsAnonymous => Endpoints.Any(endpoint => endpoint["permitted_roles"]!.AsArray().Any(role => role!.GetValue<string>() == "Unauthenticated Users"));

    /// <summary>Every documented response: (status, label, example, headers).</summary>
    public IEnumerable<(int Status, string Label, JsonNode? Example, JsonObject? Headers)> Responses()
    {
        foreach (var endpoint in Endpoints)
        {
            var variants = endpoint["response_variants"]?.AsArray();
            if (variants is { Count: > 0 })
            {
                foreach (var variant in variants.OfType<JsonObject>())
                {
                    yield return (variant["status"]!.GetValue<int>(), variant["label"]!.GetValue<string>(), variant["example"], variant["headers"] as JsonObject);
                }
            }
            else
            {
                yield return (endpoint["response_status"]!.GetValue<int>(), endpoint["title"]!.GetValue<string>(), endpoint["response_example"], endpoint["response_headers"] as JsonObject);
            }
        }
    }
}

/// <summary>The docs catalog grouped into operations, plus the operations the real server routes that the docs lack.</summary>
internal sealed class Catalog(List<Operation> operations)
{
    public List<Operation> Operations { get; } = operations;

    public static Catalog From(JsonArray endpoints, JsonObject corrections)
    {
        var operations = endpoints.OfType<JsonObject>()
            .GroupBy(endpoint => (Method: endpoint["method"]!.GetValue<string>(), Path: endpoint["path"]!.GetValue<string>()))
            .Select(group => new Operation(group.Key.Method, group.Key.Path, group.First()["section"]!.GetValue<string>(), group.First()["title"]!.GetValue<string>(), [.. group]))
            .ToList();
        foreach (var alias in corrections["aliases"]!.AsArray().OfType<JsonObject>())
        {
            var same = alias["same_as"]!.GetValue<string>().Split(' ');
            var original = operations.Single(operation => operation.Method == same[0] && operation.Path == same[1]);
            operations.Add(original with { Method = alias["method"]!.GetValue<string>(), Path = alias["path"]!.GetValue<string>(), Title = alias["title"]!.GetValue<string>() });
        }

        return new Catalog(operations);
    }

    /// <summary>The real request and response examples, for the test that validates them against the document.</summary>
    public JsonArray Examples() =>
    [
        .. Operations.Where(operation => operation.Endpoints.Count > 0 && !IsAlias(operation)).Select(operation => (JsonNode)new JsonObject
        {
            ["method"] = operation.Method,
            ["path"] = operation.Path,
            ["requests"] = new JsonArray([.. operation.Endpoints.Where(endpoint => endpoint["request_body"] is JsonObject or JsonArray).Select(endpoint => endpoint["request_body"]!.DeepClone())]),
            ["responses"] = new JsonArray([.. operation.Responses().Where(response => response.Example is JsonObject or JsonArray)
                .Select(response => (JsonNode)new JsonObject { ["status"] = response.Status, ["label"] = response.Label, ["body"] = response.Example!.DeepClone() })]),
        }),
    ];

    private bool IsAlias(Operation operation) =>
        Operations.Any(other => !ReferenceEquals(other, operation) && other.Endpoints.SequenceEqual(operation.Endpoints) && Operations.IndexOf(other) < Operations.IndexOf(operation));
}

/// <summary>Builds the OpenAPI document.</summary>
internal sealed partial class SpecBuilder(Catalog catalog, JsonArray objects, JsonObject corrections)
{
    private const string ErrorResponses = "#/components/responses/";
    private readonly Dictionary<string, Shape> resourceShapes = new(StringComparer.Ordinal);
    private readonly HashSet<string> operationIds = new(StringComparer.Ordinal);

    public JsonObject Build()
    {
        CollectResourceExamples();
        var paths = new JsonObject();
        foreach (var operation in catalog.Operations)
        {
            var item = paths[operation.Path] as JsonObject ?? new JsonObject();
            paths[operation.Path] = item;
            item[operation.Method.ToLowerInvariant()] = OperationObject(operation);
        }

        var schemas = SharedSchemas.Create();
        foreach (var (name, shape) in resourceShapes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            schemas[name] = shape.ToSchema(name, this);
            ApplyNullableFields(name, schemas[name]!.AsObject());
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Cloud Foundry V3 API",
                ["version"] = "3.228.0",
                ["description"] = "The Cloud Controller V3 API as the fake serves it and the conformance suite checks it. Generated by specs/tools/GenerateCloudFoundryV3.cs from the docs catalog; corrected by hand in specs/tools/cloudfoundry-v3-corrections.json.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "http://localhost:8080" }),
            ["tags"] = new JsonArray([.. catalog.Operations.Select(operation => operation.Section).Distinct().Select(section => (JsonNode)new JsonObject { ["name"] = section })]),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["responses"] = SharedSchemas.ErrorResponses(),
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
        ApplyCorrections(document);
        return document;
    }

    /// <summary>Fields the documented object types as "... or null" are nullable even when no example shows a null.</summary>
    private void ApplyNullableFields(string name, JsonObject schema)
    {
        var fields = objects.OfType<JsonObject>()
            .Where(documented => ResourceName(documented["example"]) == name)
            .SelectMany(documented => documented["fields"]!.AsArray().OfType<JsonObject>())
            .Where(field => field["type"]!.GetValue<string>().EndsWith("or null", StringComparison.Ordinal));
        foreach (var field in fields)
        {
            var property = field["name"]!.GetValue<string>().Split('.')
                .Aggregate((JsonNode?)schema, (node, segment) => node?["properties"]?[segment]);
            if (property is JsonObject target && target.ContainsKey("type"))
            {
                target["nullable"] = true;
            }
        }
    }

    /// <summary>The component schema name of a resource identified by its <c>links.self</c>, if it has one.</summary>
    public string? ResourceName(JsonNode? example)
    {
        var href = (example as JsonObject)?["links"]?["self"]?["href"]?.GetValue<string>();
        if (href is null || !Uri.TryCreate(href, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var template = catalog.Operations
            .Where(operation => operation.Method == "GET")
            .Select(operation => operation.Path.Trim('/').Split('/'))
            .Where(candidate => candidate.Length == segments.Length && candidate.Zip(segments).All(pair => pair.First.StartsWith('{') || pair.First == pair.Second))
            .OrderBy(candidate => candidate.Count(segment => segment.StartsWith('{')))
            .FirstOrDefault();
        return template is null ? null : SchemaName(template);
    }

    private static string SchemaName(string[] template)
    {
        var words = new List<string>();
        for (var index = 1; index < template.Length; index++)
        {
            if (template[index].StartsWith('{'))
            {
                continue;
            }

            var followedByParameter = index + 1 < template.Length && template[index + 1].StartsWith('{');
            words.Add(Pascal(followedByParameter ? Singular(template[index]) : template[index]));
        }

        return words.Count == 0 ? "Root" : string.Concat(words);
    }

    private static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.EndsWith("sses", StringComparison.Ordinal) ? word[..^2]
        : word.EndsWith('s') ? word[..^1]
        : word;

    private static string Pascal(string words) =>
        string.Concat(WordSplitter().Split(words).Where(word => word.Length > 0).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex WordSplitter();

    private void CollectResourceExamples()
    {
        foreach (var documented in objects.OfType<JsonObject>())
        {
            AddResource(documented["example"]);
        }

        foreach (var operation in catalog.Operations)
        {
            foreach (var response in operation.Responses())
            {
                if (response.Example is not JsonObject body)
                {
                    continue;
                }

                AddResource(body);
                if (body["resources"] is JsonArray resources)
                {
                    foreach (var resource in resources)
                    {
                        AddResource(resource);
                    }
                }

                if (body["included"] is JsonObject included)
                {
                    foreach (var resource in included.SelectMany(pair => pair.Value?.AsArray() ?? []))
                    {
                        AddResource(resource);
                    }
                }
            }
        }
    }

    private void AddResource(JsonNode? example)
    {
        if (ResourceName(example) is { } name)
        {
            Shape(resourceShapes, name).Add(example);
        }
    }

    private static Shape Shape(Dictionary<string, Shape> shapes, string name)
    {
        if (!shapes.TryGetValue(name, out var shape))
        {
            shape = new Shape(string.Empty, FreeMap: false);
            shapes[name] = shape;
        }

        return shape;
    }

    private JsonObject OperationObject(Operation operation)
    {
        var result = new JsonObject
        {
            ["tags"] = new JsonArray((JsonNode)operation.Section),
            ["summary"] = operation.Title,
            ["operationId"] = OperationId(operation),
        };
        if (operation.IsPublic)
        {
            result["security"] = new JsonArray();
        }
        else if (operation.AllowsAnonymous)
        {
            result["security"] = new JsonArray(new JsonObject(), new JsonObject { ["bearer"] = new JsonArray() });
        }

        var parameters = Parameters(operation);
        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (RequestBodies.For(operation) is { } body)
        {
            result["requestBody"] = body;
        }

        result["responses"] = Responses(operation);
        return result;
    }

    private string OperationId(Operation operation)
    {
        var words = WordSplitter().Split(operation.Title).Where(word => word.Length > 0 && word is not ("a" or "an" or "the")).ToList();
        var id = words[0].ToLowerInvariant() + string.Concat(words.Skip(1).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
        var unique = id;
        for (var suffix = 2; !operationIds.Add(unique); suffix++)
        {
            unique = id + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private static JsonArray Parameters(Operation operation)
    {
        var parameters = new JsonArray();
        foreach (Match match in PathParameter().Matches(operation.Path))
        {
            var name = match.Groups[1].Value;
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = name == "index" ? new JsonObject { ["type"] = "integer", ["minimum"] = 0 } : new JsonObject { ["type"] = "string" },
            });
        }

        var queries = operation.Endpoints.SelectMany(endpoint => endpoint["query_params"]!.AsArray().OfType<JsonObject>())
            .Concat(operation.Endpoints.Where(endpoint => endpoint["path_query"] is not null).Select(FixedQuery))
            .DistinctBy(query => query["name"]!.GetValue<string>());
        foreach (var query in queries)
        {
            var parameter = new JsonObject
            {
                ["name"] = query["name"]!.GetValue<string>(),
                ["in"] = "query",
                ["required"] = query["required"]?.GetValue<bool>() == true,
                ["schema"] = QuerySchema(query["type"]!.GetValue<string>(), query["name"]!.GetValue<string>()),
            };
            if (query["enum"]?.GetValue<string>() is { } fixedValue)
            {
                parameter["schema"]!["enum"] = new JsonArray(fixedValue);
            }

            if (parameter["schema"]!["type"]!.GetValue<string>() == "array")
            {
                parameter["style"] = "form";
                parameter["explode"] = false;
            }

            parameters.Add(parameter);
        }

        return parameters;
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    /// <summary>
    /// The query a definition carries (<c>?source_guid={guid}</c> marks a copy, <c>?unmapped=true</c> is required):
    /// a fixed value becomes a required single-value enum.
    /// </summary>
    private static JsonObject FixedQuery(JsonObject endpoint)
    {
        var (name, value) = endpoint["path_query"]!.GetValue<string>().Split('=') is [var key, var fixedValue] ? (key, fixedValue) : (string.Empty, string.Empty);
        return value.StartsWith('{')
            ? new JsonObject { ["name"] = name, ["type"] = "uuid" }
            : new JsonObject { ["name"] = name, ["type"] = "string", ["required"] = true, ["enum"] = value };
    }

    private static JsonObject QuerySchema(string type, string name) => type switch
    {
        "list of strings" or "strings" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
        "list of integers" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "integer" } },
        "integer" when name is "page" or "per_page" => new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
        "integer" => new JsonObject { ["type"] = "integer" },
        "boolean" => new JsonObject { ["type"] = "boolean" },
        _ => new JsonObject { ["type"] = "string" },
    };

    private JsonObject Responses(Operation operation)
    {
        var responses = new JsonObject();
        foreach (var group in operation.Responses().GroupBy(response => response.Status).OrderBy(group => group.Key))
        {
            responses[group.Key.ToString(CultureInfo.InvariantCulture)] = ResponseObject(operation, [.. group]);
        }

        if (!operation.IsPublic)
        {
            responses["401"] = Reference(ErrorResponses + "Unauthorized");
            responses["403"] = Reference(ErrorResponses + "Forbidden");
        }

        if (operation.Path.Contains('{', StringComparison.Ordinal))
        {
            responses["404"] = Reference(ErrorResponses + "NotFound");
        }

        if (operation.Method is "POST" or "PATCH" or "PUT")
        {
            responses["422"] = Reference(ErrorResponses + "UnprocessableEntity");
        }
        else if (operation.Method == "GET" && operation.Endpoints.Any(endpoint => endpoint["query_params"]!.AsArray().Count > 0))
        {
            responses["400"] = Reference(ErrorResponses + "BadRequest");
        }

        responses["default"] = Reference(ErrorResponses + "Error");
        return responses;
    }

    private JsonObject ResponseObject(Operation operation, List<(int Status, string Label, JsonNode? Example, JsonObject? Headers)> variants)
    {
        var status = variants[0].Status;
        var response = new JsonObject { ["description"] = string.Join(" / ", variants.Select(variant => variant.Label).Distinct()) };
        var headers = variants.Select(variant => variant.Headers).OfType<JsonObject>().SelectMany(header => header.Select(pair => pair.Key)).Distinct().ToList();
        if (headers.Count > 0)
        {
            response["headers"] = new JsonObject([.. headers.Select(name => KeyValuePair.Create(name, (JsonNode?)new JsonObject
            {
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            }))]);
        }

        var examples = variants.Where(variant => variant.Example is not null).ToList();
        if (examples.Count == 0 || status is 204 or 302)
        {
            return response;
        }

        if (examples.All(variant => variant.Example is JsonValue))
        {
            response["content"] = new JsonObject { ["application/x-yaml"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } };
            return response;
        }

        var media = new JsonObject { ["schema"] = BodySchema(operation, examples.Select(variant => variant.Example!)) };
        if (examples.Count == 1)
        {
            media["example"] = examples[0].Example!.DeepClone();
        }
        else
        {
            media["examples"] = new JsonObject([.. examples.Select((variant, index) => KeyValuePair.Create("example" + (index + 1).ToString(CultureInfo.InvariantCulture), (JsonNode?)new JsonObject
            {
                ["summary"] = variant.Label,
                ["value"] = variant.Example!.DeepClone(),
            }))]);
        }

        response["content"] = new JsonObject { ["application/json"] = media };
        return response;
    }

    private JsonObject BodySchema(Operation operation, IEnumerable<JsonNode> examples)
    {
        var bodies = examples.ToList();
        if (IsFreeMapResponse(operation))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = true };
        }

        if (bodies.All(body => ResourceName(body) is not null) && bodies.Select(ResourceName).Distinct().Count() == 1)
        {
            return Reference("#/components/schemas/" + ResourceName(bodies[0]));
        }

        if (bodies.All(body => body["pagination"] is not null) && ListItemName(operation, bodies) is { } item)
        {
            return PaginatedList(item, bodies);
        }

        var name = SchemaName(operation.Path.Trim('/').Split('/'));
        foreach (var body in bodies)
        {
            Shape(resourceShapes, name).Add(body);
        }

        return Reference("#/components/schemas/" + name);
    }

    private static bool IsFreeMapResponse(Operation operation) =>
        operation.Path.EndsWith("/credentials", StringComparison.Ordinal) || operation.Path.EndsWith("/parameters", StringComparison.Ordinal);

    private string? ListItemName(Operation operation, List<JsonNode> bodies)
    {
        var names = bodies.SelectMany(body => body["resources"]!.AsArray()).Select(ResourceName).Distinct().ToList();
        if (names.Count == 1 && names[0] is not null)
        {
            return names[0];
        }

        var single = catalog.Operations.FirstOrDefault(candidate => candidate.Method == "GET" && candidate.Path.StartsWith(operation.Path + "/{", StringComparison.Ordinal));
        if (single is null || names.Any(name => name is not null))
        {
            return null;
        }

        var item = SchemaName(single.Path.Trim('/').Split('/'));
        foreach (var resource in bodies.SelectMany(body => body["resources"]!.AsArray()))
        {
            Shape(resourceShapes, item).Add(resource);
        }

        return item;
    }

    private JsonObject PaginatedList(string item, List<JsonNode> bodies)
    {
        var properties = new JsonObject
        {
            ["pagination"] = Reference("#/components/schemas/Pagination"),
            ["resources"] = new JsonObject { ["type"] = "array", ["items"] = Reference("#/components/schemas/" + item) },
        };
        var included = bodies.Select(body => body["included"]).OfType<JsonObject>().SelectMany(value => value).ToList();
        if (included.Count > 0)
        {
            properties["included"] = IncludedSchema(included);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("pagination", "resources"),
            ["properties"] = properties,
        };
    }

    public JsonObject IncludedSchema(IEnumerable<KeyValuePair<string, JsonNode?>> included)
    {
        var properties = new JsonObject();
        foreach (var group in included.GroupBy(pair => pair.Key))
        {
            var names = group.SelectMany(pair => pair.Value!.AsArray()).Select(ResourceName).OfType<string>().Distinct().ToList();
            properties[group.Key] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = names.Count == 1 ? Reference("#/components/schemas/" + names[0]) : new JsonObject { ["type"] = "object" },
            };
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    public static JsonObject Reference(string target) => new() { ["$ref"] = target };

    /// <summary>
    /// Applies the hand corrections: each names a JSON pointer into the document and the keys to set (or, with a
    /// null value, remove) on the object found there.
    /// </summary>
    private void ApplyCorrections(JsonObject document)
    {
        foreach (var correction in corrections["corrections"]!.AsArray().OfType<JsonObject>())
        {
            var pointer = correction["pointer"]!.GetValue<string>();
            var target = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(segment => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
                .Aggregate((JsonNode)document, (node, segment) => node[segment] ?? throw new InvalidOperationException($"correction {pointer}: nothing at {segment}"));
            foreach (var (key, value) in correction["set"]!.AsObject())
            {
                if (value is null)
                {
                    target.AsObject().Remove(key);
                }
                else
                {
                    target[key] = value.DeepClone();
                }
            }
        }
    }
}

/// <summary>
/// What all examples of one JSON value have in common: kinds seen, properties and how often each occurs, array items,
/// the string values (for formats).
/// </summary>
internal sealed partial record Shape(string Name, bool FreeMap)
{
    private static readonly HashSet<string> FreeMapNames = new(StringComparer.Ordinal)
    {
        "var", "credentials", "parameters", "environment_variables", "environment_json", "staging_env_json", "running_env_json",
        "system_env_json", "application_env_json", "VCAP_SERVICES", "VCAP_APPLICATION", "labels", "annotations", "broker_provided_metadata",
    };

    private readonly HashSet<string> kinds = [];
    private readonly Dictionary<string, Shape> properties = [];
    private readonly List<string> strings = [];
    private readonly List<JsonObject> includedSamples = [];
    private int objectSamples;
    private bool nullSeen;
    private Shape? items;

    public void Add(JsonNode? value)
    {
        Seen++;
        if (value is JsonObject included && Name == "included")
        {
            includedSamples.Add(included);
        }

        if (value is null)
        {
            nullSeen = true;
            return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Object:
                kinds.Add("object");
                objectSamples++;
                foreach (var (key, child) in value.AsObject())
                {
                    if (!properties.TryGetValue(key, out var shape))
                    {
                        shape = new Shape(key, FreeMap || FreeMapNames.Contains(key) || (Name == "broker_catalog" && key == "metadata"));
                        properties[key] = shape;
                    }

                    shape.Add(child);
                }

                break;
            case JsonValueKind.Array:
                kinds.Add("array");
                items ??= new Shape(Name, FreeMap);
                foreach (var item in value.AsArray())
                {
                    items.Add(item);
                }

                break;
            case JsonValueKind.String:
                kinds.Add("string");
                strings.Add(value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                kinds.Add(value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer");
                break;
            default:
                kinds.Add("boolean");
                break;
        }
    }

    public JsonObject ToSchema(string path, SpecBuilder builder)
    {
        if (FreeMap)
        {
            return Nullable(new JsonObject { ["type"] = "object", ["additionalProperties"] = Name is "labels" or "annotations" ? new JsonObject { ["type"] = "string" } : true });
        }

        var kind = kinds.Count switch
        {
            1 => kinds.Single(),
            2 when kinds.SetEquals(["integer", "number"]) => "number",
            _ => null,
        };
        if (kind is null)
        {
            return nullSeen && kinds.Count == 0 ? new JsonObject { ["nullable"] = true } : new JsonObject();
        }

        var schema = kind switch
        {
            "object" when Name == "links" => LinksSchema(),
            "object" when Name == "metadata" && properties.Keys.All(key => key is "labels" or "annotations") => Nullable(SpecBuilder.Reference("#/components/schemas/Metadata"), allOf: true),
            "object" when Name == "pagination" => SpecBuilder.Reference("#/components/schemas/Pagination"),
            "object" => ObjectSchema(path, builder),
            "array" => new JsonObject { ["type"] = "array", ["items"] = items!.ToSchema(path + "/items", builder) },
            "string" => StringSchema(),
            _ => new JsonObject { ["type"] = kind },
        };
        return schema.ContainsKey("$ref") ? schema : Nullable(schema);
    }

    internal JsonObject Nullable(JsonObject schema, bool allOf = false)
    {
        if (!nullSeen && !IsRelationshipData)
        {
            return schema;
        }

        if (allOf)
        {
            return new JsonObject { ["nullable"] = true, ["allOf"] = new JsonArray(schema) };
        }

        schema["nullable"] = true;
        return schema;
    }

    private JsonObject LinksSchema()
    {
        var links = new JsonObject();
        foreach (var (key, shape) in properties)
        {
            links[key] = shape.Nullable(SpecBuilder.Reference("#/components/schemas/Link"), allOf: true);
        }

        var required = properties.Where(pair => pair.Value.Seen == objectSamples && pair.Key != "related").Select(pair => (JsonNode)pair.Key).ToArray();
        var schema = new JsonObject { ["type"] = "object" };
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        schema["properties"] = links;
        return schema;
    }

    private int Seen { get; set; }

    /// <summary>The <c>data</c> of a to-one relationship, which is null when nothing is related.</summary>
    private bool IsRelationshipData => Name == "data" && properties.Count == 1 && properties.ContainsKey("guid");

    private JsonObject ObjectSchema(string path, SpecBuilder builder)
    {
        var schema = new JsonObject { ["type"] = "object" };
        var required = properties.Where(pair => pair.Value.Seen == objectSamples && pair.Key != "included").Select(pair => (JsonNode)pair.Key).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        var result = new JsonObject();
        foreach (var (key, shape) in properties)
        {
            result[key] = key == "included" && shape.includedSamples.Count > 0
                ? builder.IncludedSchema(shape.includedSamples.SelectMany(sample => sample))
                : shape.ToSchema(path + "/" + key, builder);
        }

        schema["properties"] = result;
        return schema;
    }

    private JsonObject StringSchema()
    {
        var schema = new JsonObject { ["type"] = "string" };
        if (strings.Count > 0 && strings.All(value => Guid.TryParseExact(value, "D", out _)) && (Name == "guid" || Name.EndsWith("_guid", StringComparison.Ordinal)))
        {
            schema["format"] = "uuid";
        }
        else if (strings.Count > 0 && Name.EndsWith("_at", StringComparison.Ordinal) && strings.All(value => Timestamp().IsMatch(value)))
        {
            schema["format"] = "date-time";
        }

        return schema;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Timestamp();
}

/// <summary>The schemas every resource shares: links, pagination, metadata, relationships and the error envelope.</summary>
internal static class SharedSchemas
{
    public static JsonObject Create() => new()
    {
        ["Link"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("href"),
            ["properties"] = new JsonObject
            {
                ["href"] = new JsonObject { ["type"] = "string" },
                ["method"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("GET", "POST", "PUT", "PATCH", "DELETE") },
            },
        },
        ["Pagination"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("total_results", "total_pages", "first", "last", "next", "previous"),
            ["properties"] = new JsonObject
            {
                ["total_results"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                ["total_pages"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                ["first"] = SpecBuilder.Reference("#/components/schemas/Link"),
                ["last"] = SpecBuilder.Reference("#/components/schemas/Link"),
                ["next"] = NullableLink(),
                ["previous"] = NullableLink(),
            },
        },
        ["Metadata"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("labels", "annotations"),
            ["properties"] = new JsonObject { ["labels"] = StringMap(nullableValues: false), ["annotations"] = StringMap(nullableValues: false) },
        },
        ["MetadataUpdate"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject { ["labels"] = StringMap(nullableValues: true), ["annotations"] = StringMap(nullableValues: true) },
        },
        ["ToOneRelationship"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("data"),
            ["properties"] = new JsonObject { ["data"] = Guid(nullable: true) },
        },
        ["ToManyRelationship"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("data"),
            ["properties"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "array", ["items"] = Guid(nullable: false) } },
        },
        ["Error"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("code", "title", "detail"),
            ["properties"] = new JsonObject
            {
                ["code"] = new JsonObject { ["type"] = "integer" },
                ["title"] = new JsonObject { ["type"] = "string", ["pattern"] = "^CF-" },
                ["detail"] = new JsonObject { ["type"] = "string" },
            },
        },
        ["ErrorEnvelope"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("errors"),
            ["properties"] = new JsonObject
            {
                ["errors"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = SpecBuilder.Reference("#/components/schemas/Error") },
            },
        },
    };

    public static JsonObject ErrorResponses() => new()
    {
        ["BadRequest"] = ErrorResponse("Bad request: an invalid query parameter (CF-BadQueryParameter)"),
        ["Unauthorized"] = ErrorResponse("No token, or an invalid or expired token (CF-NotAuthenticated, CF-InvalidAuthToken)"),
        ["Forbidden"] = ErrorResponse("The caller can see the resource but may not do this (CF-NotAuthorized)"),
        ["NotFound"] = ErrorResponse("The resource does not exist or the caller cannot see it (CF-ResourceNotFound)"),
        ["UnprocessableEntity"] = ErrorResponse("The request was understood but is invalid (CF-UnprocessableEntity and friends)"),
        ["Error"] = ErrorResponse("Any other error, in the V3 error envelope"),
    };

    private static JsonObject ErrorResponse(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = SpecBuilder.Reference("#/components/schemas/ErrorEnvelope") } },
    };

    private static JsonObject NullableLink() => new() { ["nullable"] = true, ["allOf"] = new JsonArray(SpecBuilder.Reference("#/components/schemas/Link")) };

    private static JsonObject StringMap(bool nullableValues)
    {
        var value = new JsonObject { ["type"] = "string" };
        if (nullableValues)
        {
            value["nullable"] = true;
        }

        return new JsonObject { ["type"] = "object", ["additionalProperties"] = value };
    }

    private static JsonObject Guid(bool nullable)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("guid"),
            ["properties"] = new JsonObject { ["guid"] = new JsonObject { ["type"] = "string" } },
        };
        if (nullable)
        {
            schema["nullable"] = true;
        }

        return schema;
    }
}

/// <summary>Request bodies from the documented body parameters (dotted names nest; multipart for uploads).</summary>
internal static class RequestBodies
{
    public static JsonObject? For(Operation operation)
    {
        var documenting = operation.Endpoints.Where(endpoint => endpoint["body_params"]!.AsArray().Count > 0).ToList();
        var fields = documenting.SelectMany(endpoint => endpoint["body_params"]!.AsArray().OfType<JsonObject>()).ToList();
        if (fields.Count == 0)
        {
            if (operation.Endpoints.Select(endpoint => endpoint["request_body"]).OfType<JsonObject>().FirstOrDefault() is not { } sample)
            {
                return null;
            }

            var free = Body("application/json", new JsonObject { ["type"] = "object" }, required: false);
            free["content"]!["application/json"]!["example"] = sample.DeepClone();
            return free;
        }

        if (fields.Any(field => field["type"]!.GetValue<string>() == "form field"))
        {
            var form = new JsonObject();
            foreach (var field in fields)
            {
                var name = field["name"]!.GetValue<string>();
                form[name] = name == "resources" ? new JsonObject { ["type"] = "string" } : new JsonObject { ["type"] = "string", ["format"] = "binary" };
            }

            return Body("multipart/form-data", new JsonObject { ["type"] = "object", ["properties"] = form }, required: true);
        }

        var root = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        foreach (var field in fields.DistinctBy(field => field["name"]!.GetValue<string>()))
        {
            var name = field["name"]!.GetValue<string>();
            var required = field["applies_to"] is null && !name.StartsWith("metadata.", StringComparison.Ordinal) && documenting.All(endpoint => endpoint["body_params"]!.AsArray().Any(other =>
                other!["name"]!.GetValue<string>() == name && other["required"]?.GetValue<bool>() == true));
            Place(root, name.Split('.'), FieldSchema(field["type"]!.GetValue<string>(), name), required);
        }

        var body = Body("application/json", root, required: root.ContainsKey("required"));
        if (operation.Endpoints.Select(endpoint => endpoint["request_body"]).OfType<JsonObject>().FirstOrDefault() is { } example)
        {
            body["content"]!["application/json"]!["example"] = example.DeepClone();
        }

        return body;
    }

    private static JsonObject Body(string mediaType, JsonObject schema, bool required) => new()
    {
        ["required"] = required,
        ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
    };

    private static void Place(JsonObject parent, string[] path, JsonObject schema, bool required)
    {
        var properties = parent["properties"]!.AsObject();
        if (required)
        {
            var list = parent["required"] as JsonArray ?? [];
            parent["required"] = list;
            if (!list.Any(name => name!.GetValue<string>() == path[0]))
            {
                list.Add(path[0]);
            }
        }

        if (path.Length == 1)
        {
            properties[path[0]] = schema;
            return;
        }

        if (properties[path[0]] is not JsonObject child || !child.ContainsKey("properties"))
        {
            child = path[0] == "metadata"
                ? new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = new JsonObject() }
                : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            properties[path[0]] = child;
        }

        Place(child, path[1..], schema, required);
    }

    private static JsonObject FieldSchema(string type, string name) => type switch
    {
        "to-one relationship" when name == "data" => SharedSchemas.Create()["ToOneRelationship"]!["properties"]!["data"]!.DeepClone().AsObject(),
        "to-many relationship" when name == "data" => SharedSchemas.Create()["ToManyRelationship"]!["properties"]!["data"]!.DeepClone().AsObject(),
        "string" or "uuid" => new JsonObject { ["type"] = "string" },
        "string or null" => new JsonObject { ["type"] = "string", ["nullable"] = true },
        "integer" => new JsonObject { ["type"] = "integer" },
        "integer or null" => new JsonObject { ["type"] = "integer", ["nullable"] = true },
        "boolean" or "bool" => new JsonObject { ["type"] = "boolean" },
        "label object" or "annotation object" => new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["nullable"] = true } },
        "to-one relationship" => SpecBuilder.Reference("#/components/schemas/ToOneRelationship"),
        "to-many relationship" => SpecBuilder.Reference("#/components/schemas/ToManyRelationship"),
        "list of strings" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
        _ when type.StartsWith("array", StringComparison.Ordinal) => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
        _ when name.EndsWith("credentials", StringComparison.Ordinal) => new JsonObject { ["type"] = "object", ["additionalProperties"] = true },
        _ => new JsonObject { ["type"] = "object" },
    };
}
