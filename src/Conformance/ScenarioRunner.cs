using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Runs curated scenarios against one target, checking status codes, the error envelope, required fields,
/// asynchronous jobs and, when spec documents are given, every JSON response against the schema its operation
/// documents for that status. A step whose status is wrong ends its scenario, because later steps depend on what it
/// should have created.
/// </summary>
public sealed class ScenarioRunner(TargetClient target, IReadOnlyList<SpecDocument>? specs = null)
{
    private const int MaxPolls = 60;

    /// <summary>Runs one scenario and returns every check it made.</summary>
    public Task<IReadOnlyList<CheckResult>> RunAsync(Scenario scenario, CancellationToken cancellationToken = default) =>
        RunAsync(scenario, new Dictionary<string, string>(StringComparer.Ordinal) { ["run"] = Guid.NewGuid().ToString("N")[..8] }, cancellationToken);

    /// <summary>Runs one scenario with variables set beforehand (captures are added to them).</summary>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(Scenario scenario, Dictionary<string, string> variables, CancellationToken cancellationToken = default)
    {
        var results = new List<CheckResult>();
        foreach (var step in scenario.Steps)
        {
            var exchange = await SendAsync(step, variables, cancellationToken);
            CheckResult Check(string rule, string pointer, bool passed, string message)
            {
                var result = new CheckResult(scenario.Name, step.Name, rule, pointer, passed, message, passed ? null : exchange.ToString());
                results.Add(result);
                return result;
            }

            for (var poll = 0; step.Poll is { } wanted && exchange.Status == (int)HttpStatusCode.OK && poll < MaxPolls; poll++)
            {
                if (JsonPointer.TryResolve(exchange.Body, wanted.Pointer, out var value) && wanted.Until.Contains(value?.ToString() ?? string.Empty))
                {
                    break;
                }

                await Task.Delay(target.PollInterval, cancellationToken);
                exchange = await SendAsync(step, variables, cancellationToken);
            }

            if (!Check("status", string.Empty, exchange.Status == step.Status, $"expected {step.Status}, got {exchange.Status}").Passed)
            {
                break;
            }

            SpecConformance.Check(specs, exchange, Check);
            if (step.Error is { } title)
            {
                CheckErrorEnvelope(exchange.Body, title, Check);
            }

            foreach (var pointer in step.Required ?? [])
            {
                Check("required-field", pointer, JsonPointer.TryResolve(exchange.Body, pointer, out _), "field must be present");
            }

            foreach (var (name, pointer) in step.Capture ?? new Dictionary<string, string>())
            {
                if (JsonPointer.TryResolve(exchange.Body, pointer, out var value) && value is not null)
                {
                    variables[name] = value.ToString();
                }
            }

            if (step.Job)
            {
                var (state, _) = await target.FollowJobAsync(exchange.Location, cancellationToken);
                Check("job-completes", "/state", state == "COMPLETE", $"job ended {state}");
            }
        }

        return results;
    }

    private static void CheckErrorEnvelope(JsonNode? body, string title, Func<string, string, bool, string, CheckResult> check)
    {
        var hasTitle = JsonPointer.TryResolve(body, "/errors/0/title", out var found);
        check("error-envelope", "/errors/0/title", hasTitle && found?.ToString() == title, $"expected {title}, got {found}");
        check("error-envelope", "/errors/0/code", JsonPointer.TryResolve(body, "/errors/0/code", out var code) && code is JsonValue value && value.TryGetValue<int>(out _), "code must be an integer");
        check("error-envelope", "/errors/0/detail", JsonPointer.TryResolve(body, "/errors/0/detail", out var detail) && detail is JsonValue, "detail must be a string");
    }

    private Task<Exchange> SendAsync(ScenarioStep step, Dictionary<string, string> variables, CancellationToken cancellationToken)
    {
        if (step.Form is { } form)
        {
            var values = JsonNode.Parse(Substitute(form.ToJsonString(), variables))!.AsObject();
            return target.SendFormAsync(step.Method, Substitute(step.Path, variables), [.. values.Select(field => field.Key)], values, SampleArchiveNames.Parse(step.Archive), step.Anonymous, cancellationToken);
        }

        if (step.Upload is { } fields)
        {
            return target.UploadAsync(Substitute(step.Path, variables), fields, SampleArchiveNames.Parse(step.Archive), step.Anonymous, cancellationToken);
        }

        var content = step.Raw ?? (step.Body is null ? null : Substitute(step.Body.ToJsonString(), variables));
        return target.SendAsync(step.Method, Substitute(step.Path, variables), content, step.Anonymous, cancellationToken);
    }

    private static string Substitute(string text, Dictionary<string, string> variables) =>
        variables.Aggregate(text, (current, pair) => current.Replace("{" + pair.Key + "}", pair.Value, StringComparison.Ordinal));
}
