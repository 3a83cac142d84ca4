using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace CloudFoundry.Fake.Tests.Support;

/// <summary>Snapshot tests of wire shapes: stores the JSON itself (not a quoted string) in the .snap file.</summary>
public static class JsonSnapshot
{
    public static void Match(JsonNode node) => Snapshot.Match(JToken.Parse(node.ToJsonString()));

    public static void Match(JsonNode node, string nameExtension) =>
        Snapshot.Match(JToken.Parse(node.ToJsonString()), SnapshotNameExtension.Create(nameExtension));
}
