using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Buildpacks;

public sealed class BuildpacksTests
{
    [Fact]
    public async Task Buildpacks_keep_positions_and_upload_bits()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var created = await (await foundation.Admin.PostAsJsonAsync("/v3/buildpacks", new { name = "mine", stack = "cflinuxfs4", position = 1 })).JsonAsync(HttpStatusCode.Created);
        JsonSnapshot.Match(created);
        var ordered = await foundation.Admin.GetAsync("/v3/buildpacks?order_by=position&per_page=3").OkJsonAsync();
        Assert.Equal(["mine", "staticfile_buildpack", "java_buildpack"], ordered["resources"]!.AsArray().Select(item => item!["name"]!.GetValue<string>()));

        using var content = new MultipartFormDataContent();
        var bits = new ByteArrayContent([0x50, 0x4B, 0x03, 0x04]);
        bits.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(bits, "bits", "mine.zip");
        var upload = await foundation.Admin.PostAsync($"/v3/buildpacks/{created.Guid()}/upload", content);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(upload));
        var ready = await foundation.Admin.GetAsync($"/v3/buildpacks/{created.Guid()}").OkJsonAsync();
        Assert.Equal("READY", ready["state"]!.GetValue<string>());
        Assert.Equal("mine.zip", ready["filename"]!.GetValue<string>());

        var moved = await (await foundation.Admin.PatchAsJsonAsync($"/v3/buildpacks/{created.Guid()}", new { position = 100 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(10, moved["position"]!.GetValue<int>());
        Assert.Equal("COMPLETE", await foundation.Admin.JobStateAsync(await foundation.Admin.DeleteAsync($"/v3/buildpacks/{created.Guid()}")));
    }

    [Fact]
    public async Task Buildpack_validation()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.PostAsJsonAsync("/v3/buildpacks", new { name = "x", stack = "nope" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Stack 'nope' does not exist");
        await foundation.Admin.PostAsJsonAsync("/v3/buildpacks", new { name = "java_buildpack", stack = "cflinuxfs4" })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Buildpack with name 'java_buildpack', stack 'cflinuxfs4' and lifecycle 'buildpack' already exists");
        await foundation.Admin.PostAsJsonAsync("/v3/buildpacks", new { name = "x", lifecycle = "docker", position = 0 })
            .AssertCfErrorAsync(HttpStatusCode.UnprocessableEntity, "CF-UnprocessableEntity", 10008, "Position must be greater than or equal to 1, Lifecycle must be either \"buildpack\" or \"cnb\"");
        var user = await foundation.ClientForUserAsync("user");
        await user.PostAsJsonAsync("/v3/buildpacks", new { name = "x" }).AssertCfErrorAsync(HttpStatusCode.Forbidden, "CF-NotAuthorized", 10003);
    }
}
