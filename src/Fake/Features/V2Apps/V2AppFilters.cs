using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Apps;

/// <summary>The <c>q</c> fields of V2 app lists (<c>/v2/apps</c> and <c>/v2/spaces/:guid/apps</c>).</summary>
public static class V2AppFilters
{
    public static readonly string[] Fields = ["name", "space_guid", "organization_guid", "diego", "stack_guid"];

    public static bool Matches(World world, App app, V2Filter filter) => filter.Matches(filter.Field switch
    {
        "name" => app.Name,
        "space_guid" => app.SpaceGuid,
        "organization_guid" => world.Find<Space>(app.SpaceGuid)?.OrganizationGuid,
        "stack_guid" => app.Lifecycle.Stack is { } stack ? Stack.Named(world, stack)?.Guid : null,
        _ => "true",
    });
}
