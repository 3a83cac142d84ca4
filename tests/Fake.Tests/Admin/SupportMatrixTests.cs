using CloudFoundry.Fake.Tests.Support;

namespace CloudFoundry.Fake.Tests.Admin;

public sealed class SupportMatrixTests
{
    private const string Begin = "<!-- support-matrix:begin -->";
    private const string End = "<!-- support-matrix:end -->";

    /// <summary>
    /// The README's support matrix is generated from the routes the fake maps. Set UPDATE_README=1 to rewrite it.
    /// </summary>
    [Fact]
    public async Task Readme_support_matrix_matches_the_routes_the_fake_serves()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var generated = await foundation.Anonymous.GetStringAsync("/_fake/support?format=markdown");
        var readmePath = Path.Combine(SpecRouteTests.RepositoryRoot(), "README.md");
        var readme = await File.ReadAllTextAsync(readmePath);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start > Begin.Length - 1 && end > start, "README.md lacks the support-matrix markers.");
        var current = readme[start..end].Trim();

        if (Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            await File.WriteAllTextAsync(readmePath, readme[..start] + "\n" + generated.Trim() + "\n" + readme[end..]);
            return;
        }

        Assert.True(current == generated.Trim(), "README.md's support matrix is out of date: run `UPDATE_README=1 dotnet test Testing.sln --filter SupportMatrix`.");
    }
}
