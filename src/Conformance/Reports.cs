using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace CloudFoundry.Fake.Conformance;

/// <summary>Writes check results as JUnit XML (for CI) and Markdown (for people).</summary>
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
}
