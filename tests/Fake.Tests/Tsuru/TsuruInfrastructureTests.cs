using System.Net;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruInfrastructureTests
{
    [Fact]
    public async Task Clusters_are_created_listed_updated_and_deleted_from_json_bodies()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"name":"east","provisioner":"kubernetes","addresses":["https://east:6443"],"pools":["default"],"custom_data":{"namespace":"apps"}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.4/provisioner/clusters/east", Json("""{"provisioner":"kubernetes","default":true,"cacert":"Y2E="}"""))).StatusCode);

        var clusters = (await JsonAsync(tsuru.GetAsync("/1.3/provisioner/clusters"))).AsArray();
        Assert.Equal(["default", "east"], clusters.Select(cluster => cluster!["name"]!.GetValue<string>()));
        var east = await JsonAsync(tsuru.GetAsync("/1.8/provisioner/clusters/east"));
        Assert.Equal(("Y2E=", true), (east["cacert"]!.GetValue<string>(), east["default"]!.GetValue<bool>()));
        Assert.False(east.AsObject().ContainsKey("httpProxy"));
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.3/provisioner/clusters/east")).StatusCode);
        await TextAsync(tsuru.GetAsync("/1.8/provisioner/clusters/east"), HttpStatusCode.NotFound, "cluster not found\n");
        Assert.Equal("kubernetes", (await JsonAsync(tsuru.GetAsync("/1.7/provisioner")))[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cluster_inputs_are_validated_with_the_server_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);

        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Form(("name", "x"))), HttpStatusCode.BadRequest, "Invalid Content-Type \"application/x-www-form-urlencoded\"\n");
        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"name":"default","provisioner":"kubernetes","default":true}""")), HttpStatusCode.Conflict, "cluster already exists\n");
        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"provisioner":"kubernetes","default":true}""")), HttpStatusCode.BadRequest, "cluster name is mandatory\n");
        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"name":"x","default":true}""")), HttpStatusCode.BadRequest, "provisioner name is mandatory\n");
        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"name":"x","provisioner":"kubernetes"}""")), HttpStatusCode.BadRequest, "either default or a list of pools must be set\n");
        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"name":"x","provisioner":"kubernetes","default":true,"pools":["default"]}""")), HttpStatusCode.BadRequest, "cannot have both pools and default set\n");
        await TextAsync(tsuru.PostAsync("/1.3/provisioner/clusters", Json("""{"name":"x","provisioner":"kubernetes","pools":["nope"]}""")), HttpStatusCode.NotFound, "Pool does not exist.\n");
        await TextAsync(tsuru.PostAsync("/1.4/provisioner/clusters/nope", Json("""{"provisioner":"kubernetes","default":true}""")), HttpStatusCode.NotFound, "cluster not found\n");

        var member = await MemberAsync(foundation, tsuru, "dev@example.com", "devs");
        await TextAsync(member.GetAsync("/1.3/provisioner/clusters"), HttpStatusCode.Forbidden, "You don't have permission to do this action\n");
    }

    [Fact]
    public async Task Nodes_and_node_containers_are_stored_as_sent()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        Assert.Equal(HttpStatusCode.NoContent, (await tsuru.GetAsync("/1.2/node")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await tsuru.PostAsync("/1.2/node", Form(("register", "true"), ("metadata.address", "http://10.0.0.5:2375"), ("metadata.pool", "default"), ("metadata.zone", "a")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tsuru.PutAsync("/1.2/node", Form(("address", "http://10.0.0.5:2375"), ("disable", "true"), ("metadata.rack", "r1")))).StatusCode);

        var node = (await JsonAsync(tsuru.GetAsync("/1.2/node")))["nodes"]![0]!;
        Assert.Equal(("disabled", "a", "r1"), (node["status"]!.GetValue<string>(), node["metadata"]!["zone"]!.GetValue<string>(), node["metadata"]!["rack"]!.GetValue<string>()));
        var address = Uri.EscapeDataString("http://10.0.0.5:2375");
        Assert.Equal("default", (await JsonAsync(tsuru.GetAsync($"/1.2/node/{address}")))["node"]!["pool"]!.GetValue<string>());
        await TextAsync(tsuru.PutAsync("/1.2/node", Form(("address", "http://10.0.0.5:2375"), ("enable", "true"), ("disable", "true"))), HttpStatusCode.BadRequest, "A node can't be enabled and disabled simultaneously.\n");
        await TextAsync(tsuru.PostAsync("/1.2/node", Form(("metadata.pool", "default"))), HttpStatusCode.BadRequest, "address=url parameter is required\n");
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync($"/1.2/node/{address}")).StatusCode);
        await TextAsync(tsuru.GetAsync($"/1.2/node/{address}"), HttpStatusCode.NotFound, "node not found\n");

        Assert.Equal(HttpStatusCode.OK, (await tsuru.PostAsync("/1.2/nodecontainers", Json("""{"name":"agent","config":{"image":"tsuru/agent:1"}}"""))).StatusCode);
        await TextAsync(tsuru.PostAsync("/1.2/nodecontainers", Json("""{"name":"agent"}""")), HttpStatusCode.BadRequest, "node container config image cannot be empty\n");
        await TextAsync(tsuru.PostAsync("/1.2/nodecontainers", Json("{}")), HttpStatusCode.BadRequest, "node container config name cannot be empty\n");
    }
}
