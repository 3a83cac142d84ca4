using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Domains;

/// <summary>Seeds the shared domain apps are routed on, an internal domain and a TCP domain.</summary>
public static class DomainSeed
{
    public static FoundationSeed For(FakeOptions options) => transaction =>
    {
        Add(transaction, options.SharedDomain, internalDomain: false, routerGroup: null);
        Add(transaction, "apps.internal", internalDomain: true, routerGroup: null);
        Add(transaction, "tcp." + options.SharedDomain, internalDomain: false, routerGroup: Domain.TcpRouterGroup);
    };

    private static void Add(Transaction transaction, string name, bool internalDomain, string? routerGroup) =>
        transaction.Put(new Domain(
            transaction.NamedGuid("domain/" + name), name, internalDomain, routerGroup, null, [],
            ResourceMetadata.Empty, transaction.Now, transaction.Now));
}
