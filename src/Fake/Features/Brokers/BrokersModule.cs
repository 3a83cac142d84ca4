using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Hosting;

namespace CloudFoundry.Fake.Features.Brokers;

/// <summary>The OSBAPI client and the operations registered brokers perform; the endpoints live with instances and bindings.</summary>
public sealed class BrokersModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddHttpClient(OsbapiClient.ClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<FakeOptions>().BrokerTimeout);
        services.AddSingleton<OsbapiClient>();
        services.AddSingleton<BrokerOperations>();
        services.AddSingleton<IJobRefresher>(provider => provider.GetRequiredService<BrokerOperations>());
    }

    public void Map(IEndpointRouteBuilder routes)
    {
    }
}
