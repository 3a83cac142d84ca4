namespace CloudFoundry.Fake.Hosting;

/// <summary>
/// One family of endpoints (a feature folder). Modules are discovered at start-up, register their services,
/// then map their routes; nothing else needs editing to add a family.
/// </summary>
public interface IFeatureModule
{
    void AddServices(IServiceCollection services)
    {
    }

    void Map(IEndpointRouteBuilder routes);
}
