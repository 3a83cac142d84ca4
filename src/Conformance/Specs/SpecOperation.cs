using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Specs;

/// <summary>One operation of a spec document: method, path template and its OpenAPI operation object.</summary>
public sealed class SpecOperation(string method, string path, JsonObject operation)
{
    internal static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "get", "put", "post", "delete", "patch", "head", "options" };

    private readonly string[] segments = path.Trim('/').Split('/');

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; } = method;

    /// <summary>The path template, e.g. <c>/v3/apps/{guid}</c>.</summary>
    public string Path { get; } = path;

    /// <summary>The OpenAPI operation object.</summary>
    public JsonObject Operation { get; } = operation;

    /// <summary>The <c>operationId</c>.</summary>
    public string OperationId => Operation["operationId"]?.GetValue<string>() ?? $"{Method} {Path}";

    internal int ParameterCount => segments.Count(IsParameter);

    /// <summary>The documented response statuses (numeric ones; <c>default</c> excluded).</summary>
    public IEnumerable<int> Statuses =>
        Operation["responses"]!.AsObject().Select(pair => pair.Key).Where(key => key.All(char.IsAsciiDigit)).Select(key => int.Parse(key, CultureInfo.InvariantCulture));

    internal string RequestSchemaKey => $"{Method} {Path} request";

    internal string ResponseSchemaKey(int status)
    {
        var responses = Operation["responses"]!.AsObject();
        var key = status.ToString(CultureInfo.InvariantCulture);
        return $"{Method} {Path} {(responses.ContainsKey(key) ? key : "default")}";
    }

    /// <summary>Whether a concrete request path fits this template.</summary>
    public bool Matches(string concretePath)
    {
        var parts = concretePath.Split('?')[0].Trim('/').Split('/');
        return parts.Length == segments.Length
            && segments.Zip(parts).All(pair => IsParameter(pair.First) || pair.First.Equals(pair.Second, StringComparison.Ordinal));
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
