using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>
/// Where an app lives (its space guid), for families that refer to apps without owning them (route destinations,
/// bindings). The apps family registers the lookup; until then no app exists.
/// </summary>
public sealed class AppDirectory
{
    private Func<World, string, string?> spaceOf = (_, _) => null;

    public void Use(Func<World, string, string?> spaceOfApp) => spaceOf = spaceOfApp;

    public string? SpaceOf(World world, string appGuid) => spaceOf(world, appGuid);
}
