using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>What the derived suite needs to know about one operation of a spec, read with the OpenAPI object model.</summary>
public sealed record DerivedOperation(
    string Method,
    string Path,
    string OperationId,
    string Tag,
    bool IsPublic,
    JsonNode? RequestExample,
    bool TakesJson,
    IReadOnlyList<int> SuccessStatuses,
    bool IsList,
    string? RequiredQuery,
    IReadOnlyList<string> FormFields)
{
    /// <summary>Path parameter names in order of appearance.</summary>
    public IReadOnlyList<string> PathParameters =>
        [.. Path.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}'))];

    /// <summary>Reads every operation of an OpenAPI document (JSON).</summary>
    public static IReadOnlyList<DerivedOperation> Load(Stream document)
    {
        using var buffer = new MemoryStream();
        document.CopyTo(buffer);
        buffer.Position = 0;
        var spec = OpenApiDocument.Load(buffer, "json", new OpenApiReaderSettings()).Document
            ?? throw new InvalidOperationException("The spec could not be read.");
        var defaultSecured = spec.Security is { Count: > 0 };
        return [.. spec.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(pair =>
        {
            var (method, operation) = (pair.Key, pair.Value);
            var media = operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json) ? json : null;
            var secured = operation.Security is null ? defaultSecured : operation.Security.Count > 0 && operation.Security.All(requirement => requirement.Count > 0);
            var query = operation.Parameters?.Where(parameter => parameter.In == ParameterLocation.Query).ToList() ?? [];
            var form = operation.RequestBody?.Content is { } bodies && bodies.TryGetValue("multipart/form-data", out var multipart) ? multipart.Schema?.Properties?.Keys.ToList() : null;
            return new DerivedOperation(
                method.Method.ToUpperInvariant(),
                path.Key,
                operation.OperationId ?? $"{method.Method} {path.Key}",
                operation.Tags?.FirstOrDefault()?.Name ?? string.Empty,
                !secured,
                media?.Example?.DeepClone(),
                media is not null,
                [.. (operation.Responses ?? []).Keys.Where(key => key.Length == 3 && key[0] == '2').Select(int.Parse)],
                query.Any(parameter => parameter.Name == "per_page"),
                string.Join('&', query.Where(parameter => parameter.Required && parameter.Schema?.Enum?.Count == 1)
                    .Select(parameter => parameter.Name + "=" + parameter.Schema!.Enum![0]!.GetValue<string>())) is { Length: > 0 } required ? required : null,
                form ?? []);
        }))];
    }
}
