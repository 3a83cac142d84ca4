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

    /// <summary>A docker app with a staged droplet assigned (not started); returns the app and droplet guids.</summary>
    public static async Task<(string App, string Droplet)> StagedAppAsync(this TestFoundation foundation, string spaceGuid, string name, string image = "busybox")
    {
        var admin = foundation.Admin;
        var app = (await (await admin.PostAsJsonAsync("/v3/apps", new
        {
            name,
            lifecycle = new { type = "docker", data = new { } },
            relationships = new { space = new { data = new { guid = spaceGuid } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();
        var droplet = await foundation.DropletAsync(app, image);
        (await admin.PatchAsJsonAsync($"/v3/apps/{app}/relationships/current_droplet", new { data = new { guid = droplet } })).EnsureSuccessStatusCode();
        return (app, droplet);
    }

    /// <summary>Stages a docker package of the image for the app and returns the staged droplet's guid.</summary>
    public static async Task<string> DropletAsync(this TestFoundation foundation, string appGuid, string image)
    {
        var admin = foundation.Admin;
        var package = (await (await admin.PostAsJsonAsync("/v3/packages", new
        {
            type = "docker",
            data = new { image },
            relationships = new { app = new { data = new { guid = appGuid } } },
        })).JsonAsync(HttpStatusCode.Created)).Guid();
        var build = (await (await admin.PostAsJsonAsync("/v3/builds", new { package = new { guid = package } })).JsonAsync(HttpStatusCode.Created)).Guid();
        return (await admin.GetAsync($"/v3/builds/{build}").OkJsonAsync())["droplet"]!["guid"]!.GetValue<string>();
    }

    /// <summary>Follows a 202's Location to the job and returns the job once the fake reports it.</summary>
    public static async Task<string> JobStateAsync(this HttpClient client, HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await client.GetAsync(accepted.Headers.Location).OkJsonAsync();
        return job["state"]!.GetValue<string>();
    }
}
