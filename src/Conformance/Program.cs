using CloudFoundry.Fake.Conformance;
using CloudFoundry.Fake.Conformance.Compare;
using CloudFoundry.Fake.Conformance.Recording;
using Spectre.Console;

var options = CommandLine.Parse(args);
if (options is null)
{
    Console.WriteLine(CommandLine.Help);
    return args.Contains("--help") ? 0 : 2;
}

if (options.Replay is { } replayed && !Directory.Exists(replayed))
{
    Console.WriteLine($"No recording at {replayed}.");
    return 2;
}

var run = new ConformanceRun(options);
if (options.DryRun)
{
    foreach (var line in run.Plan())
    {
        Console.WriteLine(line);
    }

    return 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    cancellation.Cancel();
};

using var handler = new HttpClientHandler();
if (options.SkipSslValidation)
{
#pragma warning disable CA5359 // The user asked to skip certificate validation (self-signed test foundations).
    handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
}

using var replay = options.Replay is { } recording ? ReplayServer.Start(recording) : null;
using var recorder = options.Record is null ? null : new RecordingHandler(handler);
var target = options.Target ?? replay!.Url.ToString();
var started = DateTimeOffset.UtcNow;
var results = new List<CheckResult>();
try
{
    await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
    {
        var first = await RunTargetAsync(target, recorder ?? (HttpMessageHandler)handler, context.AddTask("conformance"));
        results.AddRange(first.Results);
        if ((options.Compare ?? (options.Target is null ? null : replay?.Url.ToString())) is { } compare)
        {
            var second = await RunTargetAsync(compare, handler, context.AddTask("compared target"));
            results.AddRange(second.Results.Select(result => result with { Scenario = "second target: " + result.Scenario }));
            results.AddRange(TargetComparison.BuiltIn().Compare(new Uri(target), first.Exchanges, new Uri(compare), second.Exchanges));
        }
    });
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled; what the run created has been deleted.[/]");
    return 1;
}
finally
{
    if (recorder is not null)
    {
        await recorder.SaveAsync(options.Record!);
        Console.WriteLine($"Recorded {recorder.Exchanges.Count} exchanges as WireMock.Net mappings in {options.Record}");
    }
}

var summary = new Table().AddColumns("scenario", "checks", "passed", "failed");
foreach (var scenario in results.GroupBy(result => result.Scenario))
{
    var failed = scenario.Count(result => !result.Passed);
    summary.AddRow(Markup.Escape(scenario.Key), $"{scenario.Count()}", $"{scenario.Count() - failed}", failed == 0 ? "0" : $"[red]{failed}[/]");
}

AnsiConsole.Write(summary);
foreach (var failure in results.Where(result => !result.Passed))
{
    Console.WriteLine($"FAIL {failure.Scenario} / {failure.Step}: {failure.Rule} {failure.Pointer}: {failure.Message}");
}

foreach (var unmatched in replay?.Unmatched() ?? [])
{
    Console.WriteLine($"NOT RECORDED {unmatched}");
}

if (options.ReportDirectory is { } directory)
{
    Directory.CreateDirectory(directory);
    await File.WriteAllTextAsync(Path.Combine(directory, "conformance.junit.xml"), Reports.JUnit(results));
    await File.WriteAllTextAsync(Path.Combine(directory, "conformance.md"), Reports.Markdown(results));
    await File.WriteAllTextAsync(Path.Combine(directory, "conformance.html"), Reports.Html(results, target, DateTimeOffset.UtcNow - started));
}

Console.WriteLine($"{results.Count(result => result.Passed)} passed, {results.Count(result => !result.Passed)} failed in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
return results.All(result => result.Passed) ? 0 : 1;

// Logs in to one target and runs everything against it, keeping its exchanges for --compare.
async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<Exchange> Exchanges)> RunTargetAsync(string address, HttpMessageHandler sender, ProgressTask task)
{
    using var http = new HttpClient(sender, disposeHandler: false) { BaseAddress = new Uri(address) };
    var token = await TargetLogin.ForAsync(http, options, cancellation.Token);
    var client = new TargetClient(http, token) { WebSockets = options.SkipSslValidation ? ClientWebSockets.OpenTrustingAnyCertificateAsync : ClientWebSockets.OpenAsync };
    var exchanges = new List<Exchange>();
    client.Exchanged += exchanges.Add;
    var progress = new Progress<(int Done, int Total, string Current)>(step =>
    {
        task.MaxValue = Math.Max(step.Total, 1);
        task.Value = step.Done;
        task.Description = Markup.Escape(step.Current.Length == 0 ? "done" : step.Current);
    });
    return (await run.RunAsync(client, progress, cancellation.Token), exchanges);
}
