using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;

namespace CloudFoundry.Fake.Conformance;

/// <summary>Writes check results as JUnit XML (for CI), Markdown and a self-contained HTML page (for people).</summary>
public static class Reports
{
    /// <summary>JUnit XML: one test suite per scenario, one test case per check.</summary>
    public static string JUnit(IReadOnlyList<CheckResult> results) =>
        new XDocument(new XElement("testsuites",
            results.GroupBy(result => result.Scenario).Select(scenario => new XElement("testsuite",
                new XAttribute("name", scenario.Key),
                new XAttribute("tests", scenario.Count()),
                new XAttribute("failures", scenario.Count(result => !result.Passed)),
                scenario.Select(result => new XElement("testcase",
                    new XAttribute("classname", $"{result.Scenario}.{result.Step}"),
                    new XAttribute("name", $"{result.Rule} {result.Pointer}".Trim()),
                    result.Passed ? null : new XElement("failure", new XAttribute("message", result.Message)))))))).ToString();

    /// <summary>A Markdown summary with every failed check.</summary>
    public static string Markdown(IReadOnlyList<CheckResult> results)
    {
        var text = new StringBuilder("# Conformance report\n\n| scenario | checks | passed | failed |\n|---|---|---|---|\n");
        foreach (var scenario in results.GroupBy(result => result.Scenario))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {scenario.Key} | {scenario.Count()} | {scenario.Count(result => result.Passed)} | {scenario.Count(result => !result.Passed)} |\n");
        }

        var failures = results.Where(result => !result.Passed).ToList();
        text.Append(failures.Count == 0 ? "\nAll checks passed.\n" : "\n## Failures\n\n");
        foreach (var failure in failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {failure.Scenario} / {failure.Step}: rule `{failure.Rule}` at `{failure.Pointer}`: {failure.Message}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// A self-contained HTML report: a matrix of every operation or step with its checks, then each failure with the
    /// rule, the JSON pointer it broke and the exchange that broke it.
    /// </summary>
    public static string Html(IReadOnlyList<CheckResult> results, string target, TimeSpan duration)
    {
        static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
        var failed = results.Count(result => !result.Passed);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Conformance report</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; } table { border-collapse: collapse; }
            td, th { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; } .pass { background: #e6ffed; }
            .fail { background: #ffeef0; } pre { white-space: pre-wrap; background: #f6f8fa; padding: .5rem; }
            </style></head><body>
            <h1>Conformance report</h1>
            <p>Target {{Encode(target)}}: {{results.Count}} checks, {{results.Count - failed}} passed, {{failed}} failed, in {{duration.TotalSeconds:F1}} s.</p>
            <h2>Matrix</h2>
            <table><tr><th>scenario</th><th>operation or step</th><th>checks</th><th>failed rules</th></tr>
            """);
        foreach (var step in results.GroupBy(result => (result.Scenario, result.Step)))
        {
            var failures = step.Where(result => !result.Passed).Select(result => result.Rule).Distinct().ToList();
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(failures.Count == 0 ? "pass" : "fail")}\"><td>{Encode(step.Key.Scenario)}</td><td>{Encode(step.Key.Step)}</td><td>{step.Count()}</td><td>{Encode(string.Join(", ", failures))}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Failures</h2>\n");
        foreach (var failure in results.Where(result => !result.Passed))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Encode(failure.Scenario)} / {Encode(failure.Step)}: {Encode(failure.Rule)} <code>{Encode(failure.Pointer)}</code></h3>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(failure.Message)}</p><pre>{Encode(failure.Exchange)}</pre>\n");
        }

        html.Append(failed == 0 ? "<p>All checks passed.</p></body></html>\n" : "</body></html>\n");
        return html.ToString();
    }
}
