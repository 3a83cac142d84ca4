using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Admin;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

/// <summary>
/// Every Tsuru operation of the app, job, volume, router and infrastructure families, called on an existing and a
/// missing resource with empty, malformed and wrongly typed bodies, as the admin and without a token: nothing
/// answers 5xx.
/// </summary>
public sealed partial class TsuruAppsAndInfrastructureRobustnessTests
{
    private static readonly string[] Bodies = ["", "{", "[]", "{\"name\": 12, \"pools\": \"x\", \"opts\": [], \"envs\": {\"a\": 1}, \"minUnits\": -1}"];

    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in SpecDocuments.Operations("tsuru").Where(operation => Family().IsMatch(operation.Path)))
        {
            data.Add(operation.Method, operation.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_never_answers_5xx(string method, string path)
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        foreach (var name in new[] { "web", "nope" })
        {
            var concrete = Parameter().Replace(path, name);
            foreach (var client in new[] { tsuru, foundation.Anonymous })
            {
                foreach (var body in Bodies)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), concrete) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    using var response = await client.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.True((int)response.StatusCode < 500, $"{method} {concrete} with '{body}' answered {(int)response.StatusCode}: {text}");
                    Assert.False(response.StatusCode == HttpStatusCode.NotFound && text == "404 page not found\n", $"{method} {concrete} is not routed");
                }
            }
        }
    }

    [GeneratedRegex(@"^/1\.\d+(/apps/\{|/jobs|/volumes|/volumeplans|/debug|/provisioner|/node|/routers|/metrics|/logs|/swap|$)")]
    private static partial Regex Family();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
