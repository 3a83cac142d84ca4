using System.Net;

namespace CloudFoundry.Fake.Benchmarks;

/// <summary>Sends a request, reads the whole body and fails loudly on an unexpected status (a benchmark must not time errors).</summary>
public static class Responses
{
    public static Task<int> ReadOkAsync(HttpClient client, string path) =>
        ReadAsync(client, new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK);

    public static async Task<int> ReadAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            return body.Length;
        }
    }
}
