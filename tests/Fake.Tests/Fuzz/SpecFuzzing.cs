using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>
/// Sends every operation of one (document, tag) partition hostile requests (see <see cref="FuzzInputs"/>) as an admin:
/// none may answer 5xx, rejections carry the platform's error format, and a rejected request leaves the world as it
/// was. The world is restored after every request, so each one meets the same seeded resources.
/// </summary>
public static class SpecFuzzing
{
    public static async Task RunAsync(string document, string tag, ITestOutputHelper output)
    {
        using var foundation = await TestFoundation.CreateAsync();
        var target = document == SpecOperations.Tsuru ? await FuzzTarget.TsuruAsync(foundation) : await FuzzTarget.CloudFoundryAsync(foundation);
        var engine = foundation.Engine;
        var problems = new List<string>();
        var sent = 0;
        foreach (var operation in SpecOperations.Of(document, tag))
        {
            var realPath = await target.RealPathAsync(operation);
            foreach (var fuzz in FuzzInputs.For(operation, realPath, StableSeed(operation)))
            {
                var before = engine.World;
                using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url) { Content = fuzz.Content() };
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                sent++;
                try
                {
                    using var response = await target.Client.SendAsync(request, patience.Token);
                    var body = await response.Content.ReadAsStringAsync(patience.Token);
                    var after = engine.World;
                    foreach (var problem in Problems(operation, (int)response.StatusCode, response.Content.Headers.ContentType, body, WorldDiff.Between(before, after)))
                    {
                        problems.Add($"{operation} [{fuzz.Description}] {(int)response.StatusCode}: {problem} {Shorten(body)}");
                    }
                }
                catch (OperationCanceledException) when (patience.IsCancellationRequested)
                {
                    problems.Add($"{operation} [{fuzz.Description}]: no answer within 10 s");
                }

                engine.Restore(before);
            }
        }

        output.WriteLine($"{sent} requests");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> Problems(SpecOperation operation, int status, MediaTypeHeaderValue? contentType, string body, IReadOnlyList<string> changes)
    {
        if (status >= 500)
        {
            yield return "server error";
        }

        if (status is < 400 or >= 500)
        {
            yield break;
        }

        if (changes.Count > 0)
        {
            yield return "rejected but changed " + string.Join("; ", changes);
        }

        if (EnvelopeProblem(operation, contentType, body) is { } problem)
        {
            yield return problem;
        }
    }

    private static string? EnvelopeProblem(SpecOperation operation, MediaTypeHeaderValue? contentType, string body)
    {
        if (operation.IsTsuru)
        {
            return contentType is null || contentType.MediaType == "text/plain" ? null : $"Tsuru error as {contentType}";
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return "error body is not JSON";
        }

        if (operation.Path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return parsed?["error_code"] is not null && parsed["description"] is not null && parsed["code"] is not null ? null : "not the V2 error envelope";
        }

        var error = parsed?["errors"]?[0];
        return error?["code"] is not null && error["title"]?.GetValue<string>().StartsWith("CF-", StringComparison.Ordinal) == true && error["detail"] is not null
            ? null
            : "not the V3 error envelope";
    }

    private static int StableSeed(SpecOperation operation) =>
        $"{operation.Method} {operation.Path}".Aggregate(17, (hash, character) => unchecked((hash * 31) + character));

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
