using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>Golden files of Tsuru's streamed answers: deploy text output and <c>application/x-json-stream</c> progress lines.</summary>
public sealed class TsuruStreamSnapshotTests
{
    [Fact]
    public async Task Deploy_output_and_json_stream_progress_keep_their_wire_format()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).StatusCode);

        var deploy = await tsuru.PostAsync("/1.0/apps/web/deploy", Form(("image", "tsuru/python:3"), ("message", "golden")));
        var env = await tsuru.PostAsync("/1.0/apps/web/env", Form(("Envs.0.Name", "GREETING"), ("Envs.0.Value", "hello"), ("noRestart", "true")));
        var removed = await tsuru.DeleteAsync("/1.0/apps/web");

        JsonSnapshot.Match(new JsonObject
        {
            ["deploy"] = await Streamed(deploy),
            ["env_set"] = await Streamed(env),
            ["app_remove"] = await Streamed(removed),
        });
    }

    private static async Task<JsonObject> Streamed(HttpResponseMessage response) => new()
    {
        ["status"] = (int)response.StatusCode,
        ["content_type"] = response.Content.Headers.ContentType?.ToString(),
        ["lines"] = new JsonArray([.. (await response.Content.ReadAsStringAsync()).Split('\n').Select(line => (JsonNode?)line)]),
    };
}
