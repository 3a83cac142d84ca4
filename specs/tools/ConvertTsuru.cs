// Converts the Tsuru Swagger 2.0 document (api.yaml) to specs/tsuru.json (OpenAPI 3.0.3), and adds the routes the
// real server registers that the Swagger document leaves out (routes.json: login, auth scheme, info, ...).
//
//   dotnet run specs/tools/ConvertTsuru.cs -- <dir with api.yaml and routes.json>
//
// Corrections: the two misspelled upstream paths (/1,0/roles/..., /1.0/roles{role_name}/...) and the unversioned
// /pools/{pool} are written as the server routes them. Errors are plain text, so every operation gets a text/plain
// default response.
#:package YamlDotNet
#:property PublishAot=false
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run specs/tools/ConvertTsuru.cs -- <dir with api.yaml and routes.json>");
    return 2;
}

var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(Path.Combine(args[0], "api.yaml")));
var swagger = Swagger.ToJson(yaml)!.AsObject();
var routes = JsonNode.Parse(File.ReadAllText(Path.Combine(args[0], "routes.json")))!.AsArray();
var document = Swagger.Convert(swagger, routes);
File.WriteAllText(Path.Combine(Directory.GetCurrentDirectory(), "specs/tsuru.json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"{Swagger.CountOperations(document)} operations, {document["components"]!["schemas"]!.AsObject().Count} schemas");
return 0;

internal static partial class Swagger
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static readonly Dictionary<string, string> PathCorrections = new(StringComparer.Ordinal)
    {
        ["/1,0/roles/{role_name}/user"] = "/1.0/roles/{role_name}/user",
        ["/1.0/roles{role_name}/permissions/{permission}"] = "/1.0/roles/{role_name}/permissions/{permission}",
        ["/pools/{pool}"] = "/1.0/pools/{pool}",
    };

    public static JsonNode? ToJson(object? yaml) => yaml switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key.ToString()!, ToJson(pair.Value)))),
        IList<object> list => new JsonArray([.. list.Select(ToJson)]),
        string text when text is "true" or "false" => JsonValue.Create(text == "true"),
        string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && !text.StartsWith('0') => JsonValue.Create(number),
        string text => JsonValue.Create(text),
        _ => JsonValue.Create(yaml.ToString()),
    };

    public static int CountOperations(JsonObject document) =>
        document["paths"]!.AsObject().Sum(path => Methods.Count(method => path.Value![method] is not null));

    public static JsonObject Convert(JsonObject swagger, JsonArray routes)
    {
        var paths = new JsonObject();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawPath, item) in swagger["paths"]!.AsObject())
        {
            var path = PathCorrections.GetValueOrDefault(rawPath, rawPath);
            var converted = new JsonObject();
            foreach (var method in Methods.Where(method => item![method] is not null))
            {
                var operation = Operation(item![method]!.AsObject(), item["parameters"]?.AsArray(), path);
                ids.Add(operation["operationId"]!.GetValue<string>());
                converted[method] = operation;
            }

            paths[path] = converted;
        }

        AddUndocumentedRoutes(paths, routes, ids);
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Tsuru API",
                ["version"] = swagger["info"]?["version"]?.ToString() ?? "1.18",
                ["description"] = "The Tsuru API as the fake serves it. Converted by specs/tools/ConvertTsuru.cs from the upstream Swagger 2.0 document, plus the routes the real server registers that it omits. Errors are plain text.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "http://localhost:8080" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = Rewrite(swagger["definitions"]!.DeepClone()),
                ["responses"] = new JsonObject
                {
                    ["Error"] = new JsonObject
                    {
                        ["description"] = "An error, as plain text",
                        ["content"] = new JsonObject { ["text/plain"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
                    },
                },
                ["securitySchemes"] = new JsonObject
                {
                    ["Bearer"] = new JsonObject { ["type"] = "apiKey", ["name"] = "Authorization", ["in"] = "header" },
                },
            },
        };
    }

    private static JsonObject Operation(JsonObject source, JsonArray? pathParameters, string path)
    {
        var parameters = (pathParameters ?? []).Concat(source["parameters"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        var result = new JsonObject
        {
            ["operationId"] = source["operationId"]!.DeepClone(),
            ["tags"] = source["tags"]?.DeepClone() ?? new JsonArray((JsonNode)path.Split('/')[2]),
        };
        var plain = new JsonArray([.. parameters.Where(parameter => parameter["in"]!.GetValue<string>() is "path" or "query" or "header").Select(Parameter)]);
        foreach (var name in PathParameter().Matches(path).Select(match => match.Groups[1].Value).Where(name => !plain.Any(parameter => parameter!["name"]!.GetValue<string>() == name && parameter["in"]!.GetValue<string>() == "path")))
        {
            plain.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (plain.Count > 0)
        {
            result["parameters"] = plain;
        }

        if (RequestBody(parameters, source["consumes"]?.AsArray()) is { } body)
        {
            result["requestBody"] = body;
        }

        result["responses"] = Responses(source["responses"]?.AsObject(), source["produces"]?.AsArray());
        if (source["security"] is { } security)
        {
            result["security"] = security.DeepClone();
        }

        if (source["deprecated"]?.GetValue<bool>() == true)
        {
            result["deprecated"] = true;
        }

        return result;
    }

    private static JsonObject Parameter(JsonObject? parameter)
    {
        var where = parameter!["in"]!.GetValue<string>();
        return new JsonObject
        {
            ["name"] = parameter["name"]!.DeepClone(),
            ["in"] = where,
            ["required"] = where == "path" || parameter["required"]?.GetValue<bool>() == true,
            ["schema"] = SimpleSchema(parameter),
        };
    }

    private static JsonObject SimpleSchema(JsonObject parameter)
    {
        var schema = new JsonObject { ["type"] = parameter["type"]?.GetValue<string>() switch { "file" => "string", null => "string", var type => type } };
        if (parameter["type"]?.GetValue<string>() == "file")
        {
            schema["format"] = "binary";
        }

        if (parameter["items"] is JsonObject items)
        {
            schema["items"] = Rewrite(items.DeepClone());
        }

        if (parameter["enum"] is JsonArray values)
        {
            schema["enum"] = values.DeepClone();
        }

        return schema;
    }

    private static JsonObject? RequestBody(List<JsonObject> parameters, JsonArray? consumes)
    {
        if (parameters.FirstOrDefault(parameter => parameter["in"]!.GetValue<string>() == "body") is { } body)
        {
            return new JsonObject
            {
                ["required"] = body["required"]?.GetValue<bool>() == true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Rewrite(body["schema"]?.DeepClone() ?? new JsonObject { ["type"] = "object" }) } },
            };
        }

        var form = parameters.Where(parameter => parameter["in"]!.GetValue<string>() == "formData").ToList();
        if (form.Count == 0)
        {
            return null;
        }

        var multipart = form.Any(parameter => parameter["type"]?.GetValue<string>() == "file") || consumes?.Any(type => type!.ToString() == "multipart/form-data") == true;
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(form.Select(parameter => KeyValuePair.Create(parameter["name"]!.GetValue<string>(), (JsonNode?)SimpleSchema(parameter)))),
        };
        var required = form.Where(parameter => parameter["required"]?.GetValue<bool>() == true).Select(parameter => (JsonNode)parameter["name"]!.GetValue<string>()).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        return new JsonObject
        {
            ["required"] = required.Length > 0,
            ["content"] = new JsonObject { [multipart ? "multipart/form-data" : "application/x-www-form-urlencoded"] = new JsonObject { ["schema"] = schema } },
        };
    }

    private static JsonObject Responses(JsonObject? responses, JsonArray? produces)
    {
        var media = produces?.FirstOrDefault()?.ToString() ?? "application/json";
        var result = new JsonObject();
        foreach (var (status, response) in responses ?? [])
        {
            var converted = new JsonObject { ["description"] = response?["description"]?.ToString() ?? status };
            if (response?["schema"] is { } schema)
            {
                converted["content"] = new JsonObject { [media] = new JsonObject { ["schema"] = Rewrite(schema.DeepClone()) } };
            }

            result[status] = converted;
        }

        if (result.Count == 0)
        {
            result["200"] = new JsonObject { ["description"] = "OK" };
        }

        result["default"] = new JsonObject { ["$ref"] = "#/components/responses/Error" };
        return result;
    }

    /// <summary>Definition references point at components; siblings of a reference (ignored in OpenAPI 3.0) are dropped.</summary>
    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject value when value["$ref"] is JsonValue reference:
                return new JsonObject { ["$ref"] = reference.GetValue<string>().Replace("#/definitions/", "#/components/schemas/", StringComparison.Ordinal) };
            case JsonObject value:
                foreach (var key in value.Select(pair => pair.Key).ToList())
                {
                    value[key] = key is "example" ? value[key]?.DeepClone() : Rewrite(value[key]?.DeepClone());
                }

                return value;
            case JsonArray list:
                return new JsonArray([.. list.Select(item => Rewrite(item?.DeepClone()))]);
            default:
                return node;
        }
    }

    private static void AddUndocumentedRoutes(JsonObject paths, JsonArray routes, HashSet<string> ids)
    {
        var documented = paths.SelectMany(path => Methods.Where(method => path.Value![method] is not null).Select(method => method.ToUpperInvariant() + " " + Normalize(path.Key))).ToHashSet(StringComparer.Ordinal);
        var templates = paths.GroupBy(path => Normalize(path.Key)).ToDictionary(group => group.Key, group => group.First().Key, StringComparer.Ordinal);
        foreach (var route in routes.OfType<JsonObject>())
        {
            var method = route["method"]!.GetValue<string>();
            var path = route["versioned_path"]!.GetValue<string>().TrimEnd('/');
            path = path.Length == 0 ? "/" : path;
            path = templates.GetValueOrDefault(Normalize(path), path);
            templates[Normalize(path)] = path;
            if (method is not ("GET" or "PUT" or "POST" or "DELETE" or "PATCH") || !documented.Add(method + " " + Normalize(path)))
            {
                continue;
            }

            var id = route["handler"]!.GetValue<string>();
            for (var suffix = 2; !ids.Add(id); suffix++)
            {
                id = route["handler"]!.GetValue<string>() + suffix.ToString(CultureInfo.InvariantCulture);
            }

            var item = paths[path] as JsonObject ?? [];
            paths[path] = item;
            var operation = new JsonObject
            {
                ["operationId"] = id,
                ["tags"] = new JsonArray((JsonNode)(path.Split('/').ElementAtOrDefault(2) ?? "index")),
                ["description"] = "Registered by the server but not in the upstream Swagger document.",
            };
            var parameters = PathParameter().Matches(path).Select(match => (JsonNode)new JsonObject
            {
                ["name"] = match.Groups[1].Value,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            }).ToArray();
            if (parameters.Length > 0)
            {
                operation["parameters"] = new JsonArray(parameters);
            }

            operation["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" }, ["default"] = new JsonObject { ["$ref"] = "#/components/responses/Error" } };
            operation["security"] = route["requires_token"]!.GetValue<bool>() ? new JsonArray(new JsonObject { ["Bearer"] = new JsonArray() }) : new JsonArray();
            item[method.ToLowerInvariant()] = operation;
        }
    }

    private static string Normalize(string path) => PathParameter().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();
}
