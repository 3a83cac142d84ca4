using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// Runs scenarios against one target through an <see cref="HttpClient"/> whose base address is the API, checking
/// status codes, the error envelope, required fields, asynchronous jobs and, when spec documents are given, every
/// JSON response against the schema its operation documents for that status. A step whose status is wrong ends its
/// scenario, because later steps depend on what it should have created.
/// </summary>
public sealed class ScenarioRunner(HttpClient http, string? token, TimeSpan? pollInterval = null, IReadOnlyList<SpecDocument>? specs = null)
{
    private const int MaxPolls = 60;
    private readonly TimeSpan interval = pollInterval ?? TimeSpan.FromSeconds(1);

    /// <summary>Runs one scenario and returns every check it made.</summary>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["run"] = Guid.NewGuid().ToString("N")[..8] };
        var results = new List<CheckResult>();
        foreach (var step in scenario.Steps)
        {
            CheckResult Check(string rule, string pointer, bool passed, string message)
            {
                var result = new CheckResult(scenario.Name, step.Name, rule, pointer, passed, message);
                results.Add(result);
                return result;
            }

            var (status, body, location) = await SendAsync(step, variables, cancellationToken);
            for (var poll = 0; step.Poll is { } wanted && status == (int)HttpStatusCode.OK && poll < MaxPolls; poll++)
            {
                if (JsonPointer.TryResolve(body, wanted.Pointer, out var value) && wanted.Until.Contains(value?.ToString() ?? string.Empty))
                {
                    break;
                }

                await Task.Delay(interval, cancellationToken);
                (status, body, location) = await SendAsync(step, variables, cancellationToken);
            }

            if (!Check("status", string.Empty, status == step.Status, $"expected {step.Status}, got {status}").Passed)
            {
                break;
            }

            CheckSchema(step, variables, status, body, Check);
            if (step.Error is { } title)
            {
                CheckErrorEnvelope(body, title, Check);
            }

            foreach (var pointer in step.Required ?? [])
            {
                Check("required-field", pointer, JsonPointer.TryResolve(body, pointer, out _), "field must be present");
            }

            foreach (var (name, pointer) in step.Capture ?? new Dictionary<string, string>())
            {
                if (JsonPointer.TryResolve(body, pointer, out var value) && value is not null)
                {
                    variables[name] = value.ToString();
                }
            }

            if (step.Job)
            {
                var state = await FollowJobAsync(location, cancellationToken);
                Check("job-completes", "/state", state == "COMPLETE", $"job ended {state ?? "without a Location header"}");
            }
        }

        return results;
    }

    private void CheckSchema(ScenarioStep step, Dictionary<string, string> variables, int status, JsonNode? body, Func<string, string, bool, string, CheckResult> check)
    {
        var path = Substitute(step.Path, variables);
        foreach (var spec in specs ?? [])
        {
            if (spec.Find(step.Method, path) is { } operation)
            {
                var problems = spec.ValidateResponse(operation, status, body);
                check("schema", string.Empty, problems.Count == 0, problems.Count == 0 ? $"{spec.Name} {operation.OperationId} {status}" : string.Join("; ", problems));
                return;
            }
        }
    }

    private static void CheckErrorEnvelope(JsonNode? body, string title, Func<string, string, bool, string, CheckResult> check)
    {
        var hasTitle = JsonPointer.TryResolve(body, "/errors/0/title", out var found);
        check("error-envelope", "/errors/0/title", hasTitle && found?.ToString() == title, $"expected {title}, got {found}");
        check("error-envelope", "/errors/0/code", JsonPointer.TryResolve(body, "/errors/0/code", out var code) && code is JsonValue value && value.TryGetValue<int>(out _), "code must be an integer");
        check("error-envelope", "/errors/0/detail", JsonPointer.TryResolve(body, "/errors/0/detail", out var detail) && detail is JsonValue, "detail must be a string");
    }

    private async Task<(int Status, JsonNode? Body, Uri? Location)> SendAsync(ScenarioStep step, Dictionary<string, string> variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(step.Method), Substitute(step.Path, variables));
        var content = step.Raw ?? (step.Body is null ? null : Substitute(step.Body.ToJsonString(), variables));
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        }

        if (!step.Anonymous && token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        return ((int)response.StatusCode, body, response.Headers.Location);
    }

    private async Task<string?> FollowJobAsync(Uri? location, CancellationToken cancellationToken)
    {
        if (location is null)
        {
            return null;
        }

        for (var poll = 0; poll < MaxPolls; poll++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            var job = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var state = job?["state"]?.ToString();
            if (state is "COMPLETE" or "FAILED")
            {
                return state;
            }

            await Task.Delay(interval, cancellationToken);
        }

        return "still running";
    }

    private static string Substitute(string text, Dictionary<string, string> variables) =>
        variables.Aggregate(text, (current, pair) => current.Replace("{" + pair.Key + "}", pair.Value, StringComparison.Ordinal));
}
