using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CloudFoundry.Fake.Conformance.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData("/a/b/0/c", true, "1")]
    [InlineData("/a/b/1", false, null)]
    [InlineData("/a/x~1y", true, "2")]
    [InlineData("/a/missing", false, null)]
    public void Json_pointers_resolve_objects_arrays_and_escapes(string pointer, bool found, string? value)
    {
        var document = JsonNode.Parse("""{"a":{"b":[{"c":1}],"x/y":2}}""");

        Assert.Equal(found, JsonPointer.TryResolve(document, pointer, out var result));
        Assert.Equal(value, result?.ToString());
    }

    [Fact]
    public void Reports_name_every_failed_rule_and_pointer()
    {
        CheckResult[] results =
        [
            new("s", "create", "status", string.Empty, true, "ok"),
            new("s", "create", "required-field", "/guid", false, "field must be present"),
        ];

        var junit = XDocument.Parse(Reports.JUnit(results));
        Assert.Equal("1", junit.Root!.Element("testsuite")!.Attribute("failures")!.Value);
        Assert.Contains("rule `required-field` at `/guid`", Reports.Markdown(results), StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_needs_an_absolute_target_and_defaults_the_login()
    {
        Assert.Null(CommandLine.Parse([]));
        Assert.Null(CommandLine.Parse(["--target", "not a url"]));
        Assert.Null(CommandLine.Parse(["--target", "http://localhost:8080", "--bogus"]));
        var options = CommandLine.Parse(["--target", "http://localhost:8080", "--only", "foundation", "--skip-ssl-validation"]);
        Assert.Equal(("admin", "admin", "foundation", true), (options!.Username, options.Password, options.Only, options.SkipSslValidation));
    }
}
