using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;

namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// The <c>schema</c> rule: a response validates against what the first document that has its operation says. Successful
/// answers that are not JSON (bits, manifests, redirects) have no schema to meet; a failed one that is not JSON (Tsuru's
/// plain-text errors) is checked as a JSON string.
/// </summary>
internal static class SpecConformance
{
    public static void Check(IReadOnlyList<SpecDocument>? specs, Exchange exchange, Func<string, string, bool, string, CheckResult> check)
    {
        if (exchange.Status < 400 && !exchange.IsJson && exchange.Body is null)
        {
            return;
        }

        foreach (var spec in specs ?? [])
        {
            if (spec.Find(exchange.Method, exchange.Path) is { } operation)
            {
                var body = exchange.Body ?? (exchange.IsJson ? null : JsonValue.Create(exchange.Text));
                var problems = spec.ValidateResponse(operation, exchange.Status, body);
                check("schema", problems.Count == 0 ? string.Empty : problems[0].Split(':')[0], problems.Count == 0,
                    problems.Count == 0 ? $"{spec.Name} {operation.OperationId} {exchange.Status}" : string.Join("; ", problems));
                return;
            }
        }
    }
}
