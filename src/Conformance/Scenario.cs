using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CloudFoundry.Fake.Conformance;

/// <summary>A curated flow of requests against a Cloud Foundry API, with what each response must look like.</summary>
public sealed record Scenario(string Name, string Description, IReadOnlyList<ScenarioStep> Steps)
{
    internal static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The scenarios shipped with the suite.</summary>
    public static IReadOnlyList<Scenario> BuiltIn()
    {
        var assembly = typeof(Scenario).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("scenarios/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                return JsonSerializer.Deserialize<Scenario>(stream, ReadOptions)!;
            })];
    }
}

/// <summary>
/// One request of a scenario. <c>{name}</c> in the path or body is replaced by a value captured earlier (or <c>{run}</c>,
/// unique per run). <see cref="Job"/> follows a 202's Location until the job finishes; <see cref="Poll"/> repeats the
/// request until a JSON pointer reaches one of the given values; <see cref="Upload"/> sends a small app as those
/// multipart fields instead of a JSON body, packed as <see cref="Archive"/> (<c>zip</c>, the default, or <c>tar.gz</c>);
/// <see cref="Form"/> gives some of them values (see <see cref="TargetClient.SendFormAsync"/>), sent with the step's method.
/// </summary>
public sealed record ScenarioStep(
    string Name,
    string Method,
    string Path,
    int Status,
    JsonObject? Body = null,
    string? Raw = null,
    bool Anonymous = false,
    string? Error = null,
    IReadOnlyList<string>? Required = null,
    IReadOnlyDictionary<string, string>? Capture = null,
    bool Job = false,
    StepPoll? Poll = null,
    IReadOnlyList<string>? Upload = null,
    string? Archive = null,
    JsonObject? Form = null)
{
    /// <summary>Steps written as JSON (the same shape as in scenario files).</summary>
    public static IReadOnlyList<ScenarioStep> ListFrom(JsonNode steps) => steps.Deserialize<List<ScenarioStep>>(Scenario.ReadOptions)!;
}

/// <summary>Repeat a GET until the value at <see cref="Pointer"/> is one of <see cref="Until"/>.</summary>
public sealed record StepPoll([property: JsonPropertyName("pointer")] string Pointer, [property: JsonPropertyName("until")] IReadOnlyList<string> Until);
