using System.Formats.Tar;
using System.IO.Compression;
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
    public void The_sample_tar_gz_holds_the_procfile_and_an_executable_start_script_the_same_in_every_run()
    {
        var bytes = SampleUpload.Bytes(SampleArchive.TarGz);
        Assert.Equal(bytes, SampleUpload.Bytes(SampleArchive.TarGz));
        Assert.Equal([0x1f, 0x8b], bytes[..2]);

        using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        var entries = new List<(string Name, string Text, UnixFileMode Mode)>();
        while (tar.GetNextEntry() is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!);
            entries.Add((entry.Name, reader.ReadToEnd(), entry.Mode));
        }

        Assert.Equal(["Procfile", "start"], entries.Select(entry => entry.Name));
        Assert.Equal("web: ./start\n", entries[0].Text);
        Assert.True(entries[1].Mode.HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Steps_and_recipes_name_their_archive_zip_by_default()
    {
        var step = ScenarioStep.ListFrom(JsonNode.Parse("""[{"name":"deploy","method":"POST","path":"/1.0/apps/a/deploy","status":200,"upload":["file"],"archive":"tar.gz"}]""")!)[0];

        Assert.Equal(SampleArchive.TarGz, SampleArchiveNames.Parse(step.Archive));
        Assert.Equal(SampleArchive.Zip, SampleArchiveNames.Parse(null));
        Assert.Throws<ArgumentException>(() => SampleArchiveNames.Parse("rar"));
        using var zip = new ZipArchive(new MemoryStream(SampleUpload.Bytes(SampleArchive.Zip)));
        Assert.Equal(["Procfile", "start"], zip.Entries.Select(entry => entry.FullName));
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

    [Fact]
    public void Command_line_takes_a_client_login_the_spec_and_safety_flags()
    {
        Assert.Null(CommandLine.Parse(["--target", "http://localhost:8080", "--client-id", "ci"]));
        var options = CommandLine.Parse(["--target", "http://x", "--client-id", "ci", "--client-secret", "s", "--spec", "none", "--dry-run", "--allow-global-changes"]);

        Assert.Equal(("ci", "s", "none", true, true), (options!.ClientId, options.ClientSecret, options.Spec, options.DryRun, options.AllowGlobalChanges));
        Assert.Equal("cloudfoundry-v3", CommandLine.Parse(["--target", "http://x"])!.Spec);
    }

    [Fact]
    public void Command_line_replays_a_recording_as_the_target_or_as_the_compared_side()
    {
        var replayOnly = CommandLine.Parse(["--replay", "rec"]);
        Assert.Equal((null, "rec"), (replayOnly!.Target, replayOnly.Replay));
        Assert.Equal("out", CommandLine.Parse(["--target", "http://x", "--record", "out"])!.Record);
        Assert.NotNull(CommandLine.Parse(["--target", "http://x", "--replay", "rec"]));
        Assert.Null(CommandLine.Parse(["--target", "http://x", "--replay", "rec", "--compare", "http://y"]));
        Assert.Null(CommandLine.Parse(["--record", "out"]));
    }

    [Fact]
    public void Command_line_logs_in_to_tsuru_as_its_seeded_admin_by_default()
    {
        var tsuru = CommandLine.Parse(["--target", "http://x", "--spec", "tsuru"])!;

        Assert.Equal((true, "admin@example.com", "admin"), (tsuru.IsTsuru, tsuru.Username, tsuru.Password));
        Assert.Empty(new ConformanceRun(tsuru).Scenarios);
        Assert.Contains("spec tsuru: GET /1.0/apps/{app}", new ConformanceRun(tsuru).Plan());
    }

    [Fact]
    public void Secrets_are_scrubbed_at_any_depth_keeping_the_shape()
    {
        var body = JsonNode.Parse("""{"access_token":"eyJ","expires_in":599,"entity":{"credentials":{"uri":"mysql://u:p@h","port":3306},"name":"db"}}""");

        Assert.Equal(
            """{"access_token":"scrubbed","expires_in":599,"entity":{"credentials":{"uri":"scrubbed","port":3306},"name":"db"}}""",
            Secrets.Scrub(body)!.ToJsonString());
        Assert.Same(body!["entity"]!["name"], Secrets.Scrub(body["entity"]!["name"]));
    }

    [Fact]
    public void A_dry_run_lists_the_curated_steps_and_every_spec_operation_without_a_target()
    {
        var plan = new ConformanceRun(CommandLine.Parse(["--target", "http://unused.invalid", "--dry-run"])!).Plan();

        Assert.Contains("foundation: POST /v3/organizations", plan);
        Assert.Contains("spec cloudfoundry-v3: GET /v3/apps/{guid}", plan);
        Assert.Contains(plan, line => line.StartsWith("spec cloudfoundry-v3: skip PATCH /v3/feature_flags/{name}: changes foundation-wide state", StringComparison.Ordinal));
        Assert.True(plan.Count(line => line.StartsWith("spec ", StringComparison.Ordinal)) > 250);
    }

    [Fact]
    public void Broker_operations_are_skipped_without_a_broker_and_planned_with_one()
    {
        var without = new ConformanceRun(CommandLine.Parse(["--target", "http://unused.invalid", "--dry-run"])!).Plan();
        var with = new ConformanceRun(CommandLine.Parse(["--target", "http://unused.invalid", "--dry-run", "--broker-url", "https://user:secret@broker.invalid"])!).Plan();

        Assert.Contains(without, line => line.StartsWith("spec cloudfoundry-v3: skip POST /v3/service_brokers: registers a service broker", StringComparison.Ordinal) && line.EndsWith("(give a broker with --broker-url)", StringComparison.Ordinal));
        Assert.Contains("spec cloudfoundry-v3: POST /v3/service_brokers", with);
        Assert.Contains("spec cloudfoundry-v3: DELETE /v3/service_plans/{guid}", with);
        Assert.Contains("spec cloudfoundry-v3: POST /v3/spaces/{guid}/actions/apply_manifest", without);
        Assert.Null(CommandLine.Parse(["--target", "http://unused.invalid", "--broker-url", "not a url"]));
    }

    [Fact]
    public void Broker_recipes_take_the_url_and_its_credentials_and_replace_the_base_entries()
    {
        var recipes = System.Text.Json.Nodes.JsonNode.Parse("""
            {"create": {"/v3/a": {"body": 1}, "/v3/b": {"body": 2}},
             "with_broker": {"create": {"/v3/b": {"body": {"url": "{broker_url}", "user": "{broker_username}", "password": "{broker_password}"}}}}}
            """)!.AsObject();

        var applied = Derived.BrokerRecipes.Apply(recipes, new Uri("https://user:s%22cret@broker.invalid/v2/"));

        Assert.Equal(1, applied["create"]!["/v3/a"]!["body"]!.GetValue<int>());
        Assert.Equal("https://broker.invalid/v2", applied["create"]!["/v3/b"]!["body"]!["url"]!.GetValue<string>());
        Assert.Equal("user", applied["create"]!["/v3/b"]!["body"]!["user"]!.GetValue<string>());
        Assert.Equal("s\"cret", applied["create"]!["/v3/b"]!["body"]!["password"]!.GetValue<string>());
        Assert.Equal("broker", Derived.BrokerRecipes.Apply(recipes, new Uri("http://broker.invalid"))["create"]!["/v3/b"]!["body"]!["password"]!.GetValue<string>());
    }

    [Fact]
    public void The_html_report_is_self_contained_and_shows_each_failure_with_its_exchange()
    {
        CheckResult[] results =
        [
            new("spec apps", "getApp", "status", string.Empty, true, "ok"),
            new("spec apps", "getApp", "schema", "#/name", false, "#/name: PropertyRequired", "GET /v3/apps/1 -> 200 {\"nmae\": \"<x>\"}"),
        ];

        var html = Reports.Html(results, "http://localhost:8080", TimeSpan.FromSeconds(2));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("2 checks, 1 passed, 1 failed", html, StringComparison.Ordinal);
        Assert.Contains("<td>getApp</td><td>2</td><td>schema</td>", html, StringComparison.Ordinal);
        Assert.Contains("&quot;nmae&quot;: &quot;&lt;x&gt;&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
