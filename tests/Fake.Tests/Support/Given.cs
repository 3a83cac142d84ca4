using System.Net;
using System.Net.Http.Json;

namespace CloudFoundry.Fake.Tests.Support;

/// <summary>Creates the resources a test stands on, through the API, as the admin.</summary>
public static class Given
{
    public static async Task<string> OrgAsync(this TestFoundation foundation, string name) =>
        (await (await foundation.Admin.PostAsJsonAsync("/v3/organizations", new { name })).JsonAsync(HttpStatusCode.Created)).Guid();

    public static async Task<string> SpaceAsync(this TestFoundation foundation, string orgGuid, string name) =>
        (await (await foundation.Admin.PostAsJsonAsync("/v3/spaces", new
        {
            name,
            relationships = new { organization = new { data = new { guid = orgGuid } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();

    /// <summary>Follows a 202's Location to the job and returns the job once the fake reports it.</summary>
    public static async Task<string> JobStateAsync(this HttpClient client, HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await client.GetAsync(accepted.Headers.Location).OkJsonAsync();
        return job["state"]!.GetValue<string>();
    }
}
