using CloudFoundry.Fake.Conformance;
using CloudFoundry.Fake.Conformance.Specs;

var options = CommandLine.Parse(args);
if (options is null)
{
    Console.WriteLine(CommandLine.Help);
    return 2;
}

using var handler = new HttpClientHandler();
if (options.SkipSslValidation)
{
#pragma warning disable CA5359 // The user asked to skip certificate validation (self-signed test foundations).
    handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
}

using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Target) };
var token = await TargetLogin.PasswordAsync(http, options.Username, options.Password);
var runner = new ScenarioRunner(new TargetClient(http, token), [.. SpecDocument.BuiltInNames().Select(SpecDocument.BuiltIn)]);
var results = new List<CheckResult>();
foreach (var scenario in Scenario.BuiltIn().Where(scenario => options.Only is null || scenario.Name == options.Only))
{
    Console.Write($"{scenario.Name,-20} ");
    var checks = await runner.RunAsync(scenario);
    results.AddRange(checks);
    Console.WriteLine($"{checks.Count(check => check.Passed)}/{checks.Count} checks passed");
}

if (options.ReportDirectory is { } directory)
{
    Directory.CreateDirectory(directory);
    await File.WriteAllTextAsync(Path.Combine(directory, "conformance.junit.xml"), Reports.JUnit(results));
    await File.WriteAllTextAsync(Path.Combine(directory, "conformance.md"), Reports.Markdown(results));
}

foreach (var failure in results.Where(result => !result.Passed))
{
    Console.WriteLine($"FAIL {failure.Scenario} / {failure.Step}: {failure.Rule} {failure.Pointer}: {failure.Message}");
}

Console.WriteLine($"{results.Count(result => result.Passed)} passed, {results.Count(result => !result.Passed)} failed");
return results.All(result => result.Passed) ? 0 : 1;
