namespace CloudFoundry.Fake.Hosting;

/// <summary>Finds every <see cref="IFeatureModule"/> of the fake, in a stable order.</summary>
public static class FeatureModules
{
    public static IReadOnlyList<IFeatureModule> Discover() =>
    [
        .. typeof(FeatureModules).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IFeatureModule).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (IFeatureModule)Activator.CreateInstance(type)!),
    ];
}
