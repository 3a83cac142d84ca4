using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Features.Spaces;

/// <summary>
/// The <c>included</c> spaces and organizations of <c>include=space</c>, <c>space.organization</c> and
/// <c>organization</c>: each resource once, in the order first referenced.
/// </summary>
public static class Included
{
    public static IReadOnlyList<object> Spaces(World world, IEnumerable<string?> guids, CfUrls urls) =>
        [.. guids.Distinct().Select(world.Find<Space>).OfType<Space>().Select(space => (object)SpaceResponse.From(space, urls))];

    public static IReadOnlyList<object> Organizations(World world, IEnumerable<string?> guids, CfUrls urls) =>
        [.. guids.Distinct().Select(world.Find<Organization>).OfType<Organization>().Select(org => (object)OrganizationResponse.From(org, urls))];

    /// <summary>The organizations of the given spaces.</summary>
    public static IReadOnlyList<object> OrganizationsOfSpaces(World world, IEnumerable<string?> spaceGuids, CfUrls urls) =>
        Organizations(world, spaceGuids.Distinct().Select(guid => world.Find<Space>(guid)?.OrganizationGuid), urls);
}
