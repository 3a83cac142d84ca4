using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CloudFoundry.Fake.Tests.Support;
using CloudFoundry.Fake.Tests.Tsuru;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>The answers the fuzzer once got wrong (5xx, hangs, bodies), pinned one by one.</summary>
public sealed class HostileInputRegressionTests
{
    [Fact]
    public async Task A_key_given_twice_keeps_its_last_value_instead_of_failing()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var org = await foundation.Admin.PostAsync("/v3/organizations", TestFoundation.Json("{\"name\":\"first\",\"name\":\"second\"}"));

        Assert.Equal("second", (await org.JsonAsync(HttpStatusCode.Created))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_impossible_timestamp_in_a_filter_is_a_bad_query_parameter()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Admin.GetAsync("/v3/apps?created_ats=2026-13-45T99:00:00Z").AssertCfErrorAsync(
            HttpStatusCode.BadRequest, "CF-BadQueryParameter", 10005,
            "The query parameter is invalid: Created ats has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'");
    }

    [Fact]
    public async Task A_multipart_upload_without_a_boundary_is_a_parse_error()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var buildpacks = await foundation.Admin.GetAsync("/v3/buildpacks").OkJsonAsync();
        var content = new StringContent("bits", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");

        await foundation.Admin.PostAsync($"/v3/buildpacks/{buildpacks["resources"]![0]!.Guid()}/upload", content)
            .AssertCfErrorAsync(HttpStatusCode.BadRequest, "CF-MessageParseError", 1001, "Request invalid due to parse error: invalid request body");
    }

    [Fact]
    public async Task Tsuru_answers_a_broken_form_with_a_plain_text_400()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        using var response = await tsuru.PostAsync("/1.0/teams", new StringContent("name=%00", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tsuru_refuses_more_units_than_an_app_may_hold()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", TsuruSession.Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        await TsuruSession.AssertErrorAsync(await tsuru.PutAsync("/1.0/apps/web/units", TsuruSession.Form(("units", "2000000000"))), HttpStatusCode.Forbidden, "Quota exceeded. Available: 10000, Requested: 2000000000.");
        (await tsuru.PutAsync("/1.0/apps/web/quota", TsuruSession.Form(("limit", "2")))).EnsureSuccessStatusCode();
        await TsuruSession.AssertErrorAsync(await tsuru.PutAsync("/1.0/apps/web/units", TsuruSession.Form(("units", "3"))), HttpStatusCode.Forbidden, "Quota exceeded. Available: 2, Requested: 3.");
    }

    [Fact]
    public async Task Tsuru_names_the_missing_webhook()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await TsuruSession.LoginAsync(foundation);

        await TsuruSession.AssertErrorAsync(await tsuru.GetAsync("/1.6/events/webhooks/ghost"), HttpStatusCode.NotFound, "webhook not found");
        await TsuruSession.AssertErrorAsync(await tsuru.DeleteAsync("/1.6/events/webhooks/ghost"), HttpStatusCode.NotFound, "webhook not found");
    }

    [Fact]
    public async Task Authentication_comes_before_looking_the_organization_up()
    {
        using var foundation = await TestFoundation.CreateAsync();

        await foundation.Anonymous.GetAsync("/v3/organizations/6f1d7c2a-93b4-4e0b-8a55-0123456789ab").AssertCfErrorAsync(HttpStatusCode.Unauthorized, "CF-NotAuthenticated", 10002);
    }
}
