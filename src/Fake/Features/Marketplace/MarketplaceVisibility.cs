using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Features.Marketplace;

/// <summary>
/// Who sees what in the marketplace, as Cloud Controller decides it: admins and global readers everything; others the
/// plans whose visibility is <c>public</c>, <c>organization</c> plans of organizations they belong to, and the plans of a
/// space-scoped broker registered in a space they belong to; an offering when they see one of its plans; a broker when
/// it is space-scoped in a space they develop in. Callers without a token see public plans only.
/// </summary>
public static class MarketplaceVisibility
{
    public static bool CanSee(World world, Caller? caller, ServicePlan plan)
    {
        if (caller?.ReadsEverything == true || plan.VisibilityType == "public")
        {
            return true;
        }

        if (caller is null)
        {
            return false;
        }

        var access = new Access(caller, world);
        return plan.VisibilityType switch
        {
            "organization" => plan.Organizations.Any(access.CanReadOrg),
            "space" => world.Find<ServiceOffering>(plan.OfferingGuid) is { } offering && world.Find<ServiceBroker>(offering.BrokerGuid)?.SpaceGuid is { } space && access.CanReadSpace(space),
            _ => false,
        };
    }

    public static bool CanSee(World world, Caller? caller, ServiceOffering offering) =>
        world.Of<ServicePlan>().All.Any(plan => plan.OfferingGuid == offering.Guid && CanSee(world, caller, plan));

    public static bool CanSee(Access access, ServiceBroker broker) =>
        access.ReadsEverything || (broker.SpaceGuid is { } space && access.CanWriteToSpace(space));
}
