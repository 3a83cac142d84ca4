using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruVolumesTests
{
    [Fact]
    public async Task A_volume_is_created_bound_to_an_app_unbound_updated_and_deleted()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.4/volumes", Json("""{"name":"data","pool":"default","teamOwner":"admin","plan":{"name":"nfs"},"opts":{"path":"/exports"}}"""))).StatusCode);
        var restart = await StreamAsync(tsuru.PostAsync("/1.4/volumes/data/bind", Form(("app", "web"), ("mountPoint", "/data"), ("readOnly", "true"))));
        Assert.Equal("---- Restarting the app \"web\" ----\n", restart.Single()["Message"]!.GetValue<string>());

        var info = await JsonAsync(tsuru.GetAsync("/1.4/volumes/data"));
        Assert.Equal("""[{"ID":{"App":"web","MountPoint":"/data","Volume":"data"},"ReadOnly":true}]""", info["Binds"]!.ToJsonString());
        Assert.Equal(("nfs", "nfs", "/exports"), (info["Plan"]!["Name"]!.GetValue<string>(), info["Plan"]!["Opts"]!["storage-class"]!.GetValue<string>(), info["Opts"]!["path"]!.GetValue<string>()));
        Assert.Null((await JsonAsync(tsuru.GetAsync("/1.4/volumes")))[0]!["Binds"]);
        Assert.Equal(info["Binds"]!.ToJsonString(), (await JsonAsync(tsuru.GetAsync("/1.0/apps/web")))["volumeBinds"]!.ToJsonString());
        await TextAsync(tsuru.PostAsync("/1.4/volumes/data/bind", Form(("app", "web"), ("mountPoint", "/data"))), HttpStatusCode.Conflict, "volume already bound in mountpoint\n");
        await TextAsync(tsuru.DeleteAsync("/1.4/volumes/data"), HttpStatusCode.BadRequest, "cannot delete volume with existing binds\n");
        await TextAsync(tsuru.PostAsync("/1.4/volumes/data", Json("""{"pool":"default","teamOwner":"admin","plan":{"name":"nfs"}}""")), HttpStatusCode.BadRequest, "updating a volume already provisioned is not supported, a new volume must be created and the old one deleted if necessary\n");

        using var unbind = new HttpRequestMessage(HttpMethod.Delete, "/1.4/volumes/data/bind") { Content = Form(("app", "web"), ("mountPoint", "/data"), ("noRestart", "true")) };
        Assert.Equal(HttpStatusCode.OK, (await tsuru.SendAsync(unbind)).StatusCode);
        await TextAsync(tsuru.DeleteAsync("/1.4/volumes/data/bind?app=web&mountPoint=/data"), HttpStatusCode.NotFound, "volume bind not found\n");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.4/volumes/data", Json("""{"pool":"default","teamOwner":"admin","plan":{"name":"nfs"},"opts":{"path":"/other"}}"""))).StatusCode);
        Assert.Equal("/other", (await JsonAsync(tsuru.GetAsync("/1.4/volumes/data")))["Opts"]!["path"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.4/volumes/data")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.4/volumes")).StatusCode);
    }

    [Fact]
    public async Task Volume_inputs_are_validated_with_the_server_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.4/volumes", Form(("name", "data"), ("pool", "default"), ("teamOwner", "admin"), ("plan.name", "nfs")))).EnsureSuccessStatusCode();

        await TextAsync(tsuru.PostAsync("/1.4/volumes", Form(("name", "data"), ("pool", "default"), ("teamOwner", "admin"), ("plan.name", "nfs"))), HttpStatusCode.Conflict, "volume already exists\n");
        await TextAsync(tsuru.PostAsync("/1.4/volumes", Form(("name", "x"), ("pool", "default"), ("teamOwner", "admin"), ("plan.name", "ssd"))), HttpStatusCode.BadRequest, "volume-plan not present in pool constraint\n");
        await TextAsync(tsuru.PostAsync("/1.4/volumes", Form(("name", "x"), ("pool", "nope"), ("teamOwner", "admin"), ("plan.name", "nfs"))), HttpStatusCode.NotFound, "Pool does not exist.\n");
        await TextAsync(tsuru.PostAsync("/1.4/volumes", Form(("name", "Bad_Name"), ("pool", "default"), ("teamOwner", "admin"), ("plan.name", "nfs"))), HttpStatusCode.BadRequest, "Invalid volume name, volume name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.\n");
        await TextAsync(tsuru.GetAsync("/1.4/volumes/nope"), HttpStatusCode.NotFound, "volume not found\n");
        await TextAsync(tsuru.PostAsync("/1.4/volumes/data/bind", Form(("app", "nope"), ("mountPoint", "/data"))), HttpStatusCode.NotFound, "App nope not found.\n");

        var member = await MemberAsync(foundation, tsuru, "dev@example.com", "devs");
        await TextAsync(member.GetAsync("/1.4/volumes/data"), HttpStatusCode.Forbidden, "You don't have permission to do this action\n");
        Assert.Equal(HttpStatusCode.NoContent, (await member.GetAsync("/1.4/volumes")).StatusCode);
        Assert.Equal("""{"kubernetes":[{"Name":"nfs","Opts":{"storage-class":"nfs"}}]}""", (await JsonAsync(member.GetAsync("/1.4/volumeplans"))).ToJsonString());
    }
}
