using System.Text;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>One hostile request: what it tries, and how to build it (content is single-use, so it is built on demand).</summary>
public sealed record FuzzCase(string Description, string Method, string Url, Func<HttpContent?> Content);

/// <summary>
/// The hostile inputs sent to every operation: broken and mistyped bodies, huge and odd strings, deep nesting,
/// bad query strings, wrong content types and invalid path parameters. Deterministic for a given seed.
/// </summary>
public static class FuzzInputs
{
    public const string Unicode = "\u0000\u0001\u0007\u001b[31m\u202e\u200b\ud83d\udca5\u00e9\u4e2d\ufffd\"'\\<script>";

    private static readonly string Huge = new('x', 1024 * 1024);

    private static readonly string[] BadQueries =
    [
        "page=-1", "page=0", "page=abc", "page=99999999999999999999", "per_page=abc", "per_page=0", "per_page=-5", "per_page=100000",
        "order_by=nope", "order_by=-", "label_selector=!!", "label_selector=a%20in%20(", "label_selector=" + new string('a', 70) + "=b",
        "unknown_param=1", "names=%00%01", "guids=" + Uri.EscapeDataString(Unicode), "include=nope", "fields[nope]=x",
        "created_ats[gt]=yesterday", "updated_ats=2026-13-45T99:00:00Z",
    ];

    private static readonly string[] BadSegments =
    [
        "not-a-guid", "%F0%9F%92%A5", "%2e%2e%2f", new string('a', 4096), "' OR 1=1 --",
    ];

    public static IEnumerable<FuzzCase> For(SpecOperation operation, string realPath, int seed)
    {
        var random = new Random(seed);
        foreach (var path in InvalidPaths(operation.Path, random))
        {
            yield return Plain($"path {path}", operation, path);
        }

        foreach (var query in operation.Method == "GET" ? BadQueries : BadQueries.Where(query => query.StartsWith("unknown", StringComparison.Ordinal) || query.StartsWith("page=-", StringComparison.Ordinal)))
        {
            yield return Plain($"query {query}", operation, realPath + "?" + query);
        }

        if (operation.Method is "GET" or "DELETE")
        {
            yield break;
        }

        var isForm = operation.ContentType == "application/x-www-form-urlencoded";
        var isMultipart = operation.ContentType == "multipart/form-data";
        var mediaType = isForm || isMultipart ? operation.ContentType! : "application/json";
        foreach (var (name, text) in BrokenBodies())
        {
            yield return new FuzzCase($"body {name}", operation.Method, realPath, () => Text(text, mediaType));
        }

        yield return new FuzzCase("invalid utf8", operation.Method, realPath, () => Bytes([.. "{\"name\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8], mediaType));
        yield return new FuzzCase("huge body", operation.Method, realPath, () => Text("{\"name\":\"" + Huge + "\"}", "application/json"));
        yield return new FuzzCase("wrong content type text/plain", operation.Method, realPath, () => Text(Example(operation).ToJsonString(), "text/plain"));
        yield return new FuzzCase("wrong content type xml", operation.Method, realPath, () => Text("<app><name>x</name></app>", "application/xml"));
        yield return new FuzzCase("octet-stream", operation.Method, realPath, () => new ByteArrayContent([0, 255, 254, 1, 2, 3]));

        if (isForm || isMultipart || operation.IsTsuru)
        {
            yield return new FuzzCase("form of odd values", operation.Method, realPath, () => new FormUrlEncodedContent(
                operation.BodyProperties.Select(property => property.Name).DefaultIfEmpty("name")
                    .SelectMany(name => new[] { new KeyValuePair<string, string>(name, Unicode), new(name, Huge[..(64 * 1024)]), new(name + "[", "]") })));
            yield return new FuzzCase("form with a broken encoding", operation.Method, realPath, () => Text("name=%zz&%%%=&=&units=-1&units=abc", "application/x-www-form-urlencoded"));
        }

        if (isForm || isMultipart)
        {
            yield break;
        }

        foreach (var (name, type) in operation.BodyProperties)
        {
            foreach (var (label, value) in WrongValues(type, random))
            {
                yield return new FuzzCase($"body {name} = {label}", operation.Method, realPath, () =>
                {
                    var body = Example(operation);
                    body[name] = value?.DeepClone();
                    return Text(body.ToJsonString(), "application/json");
                });
            }
        }
    }

    private static IEnumerable<string> InvalidPaths(string template, Random random)
    {
        var parameters = template.Split('/').Where(segment => segment.StartsWith('{')).ToList();
        if (parameters.Count == 0)
        {
            yield break;
        }

        yield return Fill(template, _ => new Guid(RandomBytes(random)).ToString());
        foreach (var segment in BadSegments)
        {
            yield return Fill(template, _ => segment);
        }
    }

    public static string Fill(string template, Func<string, string> value) =>
        string.Join('/', template.Split('/').Select(segment => segment.StartsWith('{') ? value(segment.Trim('{', '}')) : segment));

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }

    private static IEnumerable<(string Name, string Text)> BrokenBodies() =>
    [
        ("malformed", "{\"name\": "),
        ("trailing garbage", "{} {}"),
        ("null", "null"),
        ("array", "[]"),
        ("string", "\"hello\""),
        ("number", "42"),
        ("empty", ""),
        ("deep nesting", new string('[', 5000) + new string(']', 5000)),
        ("deep object nesting", string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)),
        ("duplicate keys", "{\"name\":\"a\",\"name\":\"b\"}"),
        ("unknown field", "{\"no_such_field\": true}"),
    ];

    private static IEnumerable<(string Label, JsonNode? Value)> WrongValues(string? type, Random random)
    {
        yield return ("null", null);
        yield return type switch
        {
            "string" => ("number", JsonValue.Create(random.Next())),
            "integer" or "number" => ("string", JsonValue.Create("many")),
            "boolean" => ("string", JsonValue.Create("yes")),
            "array" => ("object", new JsonObject { ["a"] = 1 }),
            _ => ("array", new JsonArray(1, "two")),
        };
        if (type is "string" or null)
        {
            yield return ("unicode", JsonValue.Create(Unicode));
            yield return ("huge", JsonValue.Create(Huge));
        }

        if (type is "integer" or "number")
        {
            yield return ("overflow", JsonNode.Parse("1e400"));
            yield return ("negative", JsonValue.Create(-2147483649L));
        }

        if (type is "object" or null)
        {
            yield return ("deep", JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60)));
        }
    }

    private static JsonObject Example(SpecOperation operation) =>
        operation.Example is JsonObject example ? example.DeepClone().AsObject() : [];

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static StringContent Text(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    private static FuzzCase Plain(string description, SpecOperation operation, string url) =>
        new(description, operation.Method, url, () => null);
}
