namespace CloudFoundry.Fake.Console.Tests;

/// <summary>One fake and one browser for every console test; each test works in its own foundation.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "console";
}
