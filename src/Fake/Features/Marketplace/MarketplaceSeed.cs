using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>The built-in broker every foundation starts with, so the marketplace is not empty and tests need no network.</summary>
public static class MarketplaceSeed
{
    public const string BrokerName = "fake-broker";

    public static void Apply(Transaction transaction)
    {
        var broker = transaction.Put(new ServiceBroker(transaction.NamedGuid("service_broker/" + BrokerName), BrokerName, "https://broker.fake.internal",
            ResourceMetadata.Empty, transaction.Now, transaction.Now));
        AddOffering(transaction, broker, "fake-database", "A relational database, provisioned synchronously", ["relational", "sql"],
            [("small", "Shared instance", true, false), ("large", "Dedicated instance", false, false)]);
        AddOffering(transaction, broker, "fake-cache", "A key-value cache, provisioned asynchronously", ["cache"],
            [("standard", "Cache with 1 GB", true, true)]);
    }

    private static void AddOffering(Transaction transaction, ServiceBroker broker, string name, string description, string[] tags,
        (string Name, string Description, bool Free, bool Async)[] plans)
    {
        var offering = transaction.Put(new ServiceOffering(transaction.NamedGuid("service_offering/" + name), name, description, broker.Guid,
            transaction.NamedGuid("catalog/" + name), [.. tags], true, ResourceMetadata.Empty, transaction.Now, transaction.Now));
        foreach (var plan in plans)
        {
            transaction.Put(new ServicePlan(transaction.NamedGuid($"service_plan/{name}/{plan.Name}"), plan.Name, plan.Description, offering.Guid,
                transaction.NamedGuid($"catalog/{name}/{plan.Name}"), plan.Free, plan.Async, ResourceMetadata.Empty, transaction.Now, transaction.Now));
        }
    }
}
