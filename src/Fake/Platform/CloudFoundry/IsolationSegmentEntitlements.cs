using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>Whether an organization is entitled to an isolation segment; the isolation segments feature registers the check.</summary>
public sealed class IsolationSegmentEntitlements
{
    private Func<World, string, string, bool> check = (_, _, _) => false;

    public void Use(Func<World, string, string, bool> entitlementCheck) => check = entitlementCheck;

    public bool IsEntitled(World world, string organizationGuid, string segmentGuid) => check(world, organizationGuid, segmentGuid);
}
