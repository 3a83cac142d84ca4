using System.Net;
using System.Text;
using CloudFoundry.Fake.Admin;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Conventions;

/// <summary>
/// Every operation of the Cloud Foundry documents in specs/, called with an unknown guid and with empty, malformed and wrongly typed bodies, as an
/// admin and without a token: nothing may answer 5xx, and every error uses the Cloud Controller envelope.
/// </summary>
public sealed class NoServerErrorsTests
{
    private static readonly string[] CloudFoundryDocuments = ["cloudfoundry-v3", "cloudfoundry-v2-apps"];
    private static readonly string[] Bodies = ["", "{", "[]", "{\"name\": 12, \"relationships\": \"x\", \"metadata\": []}", "{\"data\": [{\"guid\": 1}], \"type\": null}"];

    public static TheoryData<string, string> CatalogEndpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in CloudFoundryDocuments.SelectMany(SpecDocuments.Operations))
        {
            data.Add(operation.Method, operation.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogEndpoints))]
    public async Task Endpoint_never_answers_5xx(string method, string path)
    {
        using var foundation = await TestFoundation.CreateAsync();
        var concrete = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "00000000-0000-4000-8000-000000000000");
        foreach (var client in new[] { foundation.Admin, foundation.Anonymous })
        {
            foreach (var body in Bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), concrete)
                {
                    Content = method is "GET" or "DELETE" ? null : new StringContent(body, Encoding.UTF8, "application/json"),
                };
                var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"{method} {concrete} with body '{body}' answered {(int)response.StatusCode}: {text}");
                if (!response.IsSuccessStatusCode)
                {
                    Assert.Contains(concrete.StartsWith("/v2/", StringComparison.Ordinal) ? "\"error_code\"" : "\"errors\"", text, StringComparison.Ordinal);
                }
            }
        }
    }
}
