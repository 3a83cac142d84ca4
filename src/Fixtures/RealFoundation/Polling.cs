using System.Net;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>Waits for Cloud Controller's asynchronous work: jobs behind a 202's Location, and resources reaching a state.</summary>
internal sealed class Polling(HttpClient client, TimeSpan interval, TimeSpan timeout)
{
    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds for its body, and returns that body.</summary>
    public async Task<JsonNode> UntilAsync(string path, Func<JsonNode, bool> done, string waitingFor)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} while waiting for {waitingFor}: {text}");
            }

            var body = JsonNode.Parse(text)!;
            if (done(body))
            {
                return body;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {waitingFor} after {timeout}: {text}");
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>Follows an accepted (202) answer's job to COMPLETE; throws when it fails.</summary>
    public async Task JobAsync(HttpResponseMessage accepted, string what)
    {
        if (accepted.Headers.Location is not { } location)
        {
            return;
        }

        var job = await UntilAsync(location.ToString(), body => body["state"]?.GetValue<string>() is "COMPLETE" or "FAILED", what);
        if (job["state"]!.GetValue<string>() == "FAILED")
        {
            throw new InvalidOperationException($"{what} failed: {job["errors"]?.ToJsonString()}");
        }
    }
}
