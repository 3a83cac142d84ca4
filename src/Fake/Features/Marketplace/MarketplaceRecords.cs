using System.Collections.Immutable;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>A service broker. The seeded one is built into the fake (no HTTP broker behind it).</summary>
public sealed record ServiceBroker(
    string Guid,
    string Name,
    string Url,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? SpaceGuid = null,
    string? Username = null,
    string? Password = null) : ILabelled;

/// <summary>A service offering of a broker's catalog.</summary>
public sealed record ServiceOffering(
    string Guid,
    string Name,
    string Description,
    string BrokerGuid,
    string CatalogId,
    ImmutableList<string> Tags,
    bool Shareable,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    OfferingFeatures? CatalogFeatures = null) : ILabelled
{
    /// <summary>What the broker's catalog says the offering supports (the built-in broker supports everything).</summary>
    public OfferingFeatures Features => CatalogFeatures ?? OfferingFeatures.All;
}

/// <summary>The optional OSBAPI features of an offering, and the permissions (<c>requires</c>) it asks for.</summary>
public sealed record OfferingFeatures(bool Bindable, bool PlanUpdateable, bool InstancesRetrievable, bool BindingsRetrievable, ImmutableList<string> Requires)
{
    public static readonly OfferingFeatures All = new(true, true, true, true, []);
}

/// <summary>A plan of an offering. <see cref="Asynchronous"/> plans provision through the "service_instance" lifecycle.</summary>
public sealed record ServicePlan(
    string Guid,
    string Name,
    string Description,
    string OfferingGuid,
    string CatalogId,
    bool Free,
    bool Asynchronous,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string VisibilityType = "public",
    ImmutableSortedSet<string>? VisibleOrganizationGuids = null) : ILabelled
{
    /// <summary>The organizations of an <c>organization</c> visibility.</summary>
    public ImmutableSortedSet<string> Organizations => VisibleOrganizationGuids ?? [];
}

public sealed record ServiceBrokerResponse(string Guid, string Name, string Url, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, object Relationships, MetadataResponse Metadata, IReadOnlyDictionary<string, Link> Links)
{
    public static ServiceBrokerResponse From(ServiceBroker broker, CfUrls urls) => new(
        broker.Guid, broker.Name, broker.Url, broker.CreatedAt, broker.UpdatedAt,
        broker.SpaceGuid is null ? new { } : new { space = new ToOne(broker.SpaceGuid) }, MetadataResponse.From(broker.Metadata),
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/service_brokers/" + broker.Guid),
            ["service_offerings"] = urls.Link("/v3/service_offerings?service_broker_guids=" + broker.Guid),
        });
}

public sealed record ServiceOfferingResponse(
    string Guid, string Name, string Description, bool Available, IReadOnlyList<string> Tags, IReadOnlyList<string> Requires,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Shareable, string? DocumentationUrl, object BrokerCatalog, object Relationships,
    MetadataResponse Metadata, IReadOnlyDictionary<string, Link> Links)
{
    public static ServiceOfferingResponse From(ServiceOffering offering, CfUrls urls) => new(
        offering.Guid, offering.Name, offering.Description, true, offering.Tags, offering.Features.Requires, offering.CreatedAt, offering.UpdatedAt, offering.Shareable, null,
        new
        {
            id = offering.CatalogId,
            metadata = new { shareable = offering.Shareable },
            features = new
            {
                plan_updateable = offering.Features.PlanUpdateable,
                bindable = offering.Features.Bindable,
                instances_retrievable = offering.Features.InstancesRetrievable,
                bindings_retrievable = offering.Features.BindingsRetrievable,
                allow_context_updates = false,
            },
        },
        new { service_broker = new ToOne(offering.BrokerGuid) },
        MetadataResponse.From(offering.Metadata),
        new Dictionary<string, Link>
        {
            ["self"] = urls.Link("/v3/service_offerings/" + offering.Guid),
            ["service_plans"] = urls.Link("/v3/service_plans?service_offering_guids=" + offering.Guid),
            ["service_broker"] = urls.Link("/v3/service_brokers/" + offering.BrokerGuid),
        });
}

public sealed record ServicePlanResponse(
    string Guid, string Name, string Description, string VisibilityType, bool Available, bool Free, IReadOnlyList<object> Costs,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, object MaintenanceInfo, object BrokerCatalog, object Schemas, object Relationships,
    MetadataResponse Metadata, IReadOnlyDictionary<string, Link> Links)
{
    public static ServicePlanResponse From(ServicePlan plan, CfUrls urls)
    {
        var empty = new { parameters = new { } };
        return new ServicePlanResponse(
            plan.Guid, plan.Name, plan.Description, plan.VisibilityType, true, plan.Free,
            plan.Free ? [] : [new { currency = "USD", amount = 99.0, unit = "Monthly" }],
            plan.CreatedAt, plan.UpdatedAt, new { version = "1.0.0", description = "Initial version" },
            new { id = plan.CatalogId, metadata = new { }, maximum_polling_duration = (int?)null, features = new { plan_updateable = true, bindable = true } },
            new { service_instance = new { create = empty, update = empty }, service_binding = new { create = empty } },
            new { service_offering = new ToOne(plan.OfferingGuid) },
            MetadataResponse.From(plan.Metadata),
            new Dictionary<string, Link>
            {
                ["self"] = urls.Link("/v3/service_plans/" + plan.Guid),
                ["service_offering"] = urls.Link("/v3/service_offerings/" + plan.OfferingGuid),
                ["visibility"] = urls.Link($"/v3/service_plans/{plan.Guid}/visibility"),
            });
    }
}
