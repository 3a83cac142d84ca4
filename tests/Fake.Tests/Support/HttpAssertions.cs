using System.Net;
using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Tests.Support;

/// <summary>Reads responses as JSON and checks Cloud Controller error envelopes.</summary>
public static class HttpAssertions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> OkJsonAsync(this Task<HttpResponseMessage> response) => await (await response).JsonAsync(HttpStatusCode.OK);

    /// <summary>Asserts the V3 error envelope: status, title, code and (optionally) the exact detail.</summary>
    public static async Task AssertCfErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string title, int code, string? detail = null)
    {
        var body = await response.JsonAsync(status);
        var error = body["errors"]![0]!;
        Assert.Equal(title, error["title"]!.GetValue<string>());
        Assert.Equal(code, error["code"]!.GetValue<int>());
        if (detail is not null)
        {
            Assert.Equal(detail, error["detail"]!.GetValue<string>());
        }
    }

    public static async Task AssertCfErrorAsync(this Task<HttpResponseMessage> response, HttpStatusCode status, string title, int code, string? detail = null) =>
        await (await response).AssertCfErrorAsync(status, title, code, detail);

    /// <summary>Asserts the V2 error body: status, <c>error_code</c>, <c>code</c> and the exact <c>description</c>.</summary>
    public static async Task AssertV2ErrorAsync(this Task<HttpResponseMessage> response, HttpStatusCode status, string errorCode, int code, string description)
    {
        var body = await (await response).JsonAsync(status);
        Assert.Equal((errorCode, code, description), (body["error_code"]!.GetValue<string>(), body["code"]!.GetValue<int>(), body["description"]!.GetValue<string>()));
    }

    public static string Guid(this JsonNode node) => node["guid"]!.GetValue<string>();
}
