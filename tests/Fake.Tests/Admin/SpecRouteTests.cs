using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Admin;
using CloudFoundry.Fake.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Tests.Admin;

/// <summary>The routes the fake maps and the operations of <c>specs/</c> are one-to-one.</summary>
public sealed class SpecRouteTests(ITestOutputHelper output)
{
    private static SupportMatrix Matrix => FakeApp.Factory.Services.GetRequiredService<SupportMatrix>();

    [Fact]
    public void Every_route_the_fake_serves_in_a_documented_area_is_in_a_spec()
    {
        var undocumented = Matrix.Undocumented();

        Assert.True(undocumented.Count == 0, "Served but missing from specs/:\n" + string.Join("\n", undocumented));
    }

    [Fact]
    public void Every_spec_operation_is_served_except_the_listed_ones()
    {
        var listed = File.ReadAllLines(Path.Combine(RepositoryRoot(), "specs", "not-yet-served.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        var notServed = Matrix.Entries().Where(entry => entry.Status == SupportMatrix.NotServed).Select(entry => $"{entry.Document} {entry.Method} {entry.Path}").ToList();

        output.WriteLine($"{notServed.Count} operations not yet served:\n" + string.Join("\n", notServed));
        Assert.Equal(listed.Order(StringComparer.Ordinal), notServed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_fake_serves_its_documents()
    {
        using var foundation = await TestFoundation.CreateAsync();

        var index = JsonNode.Parse(await foundation.Anonymous.GetStringAsync("/_fake/specs"))!.AsObject();
        Assert.Contains("cloudfoundry-v3", index.Select(pair => pair.Key));
        Assert.Contains("cloudfoundry-v2-apps", index.Select(pair => pair.Key));

        var v3 = JsonNode.Parse(await foundation.Anonymous.GetStringAsync("/_fake/specs/cloudfoundry-v3"))!;
        Assert.Equal("3.0.3", v3["openapi"]!.GetValue<string>());
        Assert.NotNull(v3["paths"]!["/v3/apps/{guid}"]!["get"]);

        using var missing = await foundation.Anonymous.GetAsync("/_fake/specs/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("cloudfoundry-v3", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Testing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Testing.sln not found above the test binaries.");
    }
}
