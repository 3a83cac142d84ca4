using CloudFoundry.Fake.Features.Stacks;
using CloudFoundry.Fake.Platform.CloudFoundry.V2;

namespace CloudFoundry.Fake.Features.V2Stacks;

/// <summary>The V2 view of a stack: the stack model's exported attributes (rootfs images named after the stack, as in V3).</summary>
public static class V2StackEntity
{
    public static Dictionary<string, object?> Resource(Stack stack) => V2Resource.Of(stack.Guid, "/v2/stacks/", stack.CreatedAt, stack.UpdatedAt, new Dictionary<string, object?>
    {
        ["name"] = stack.Name,
        ["description"] = stack.Description,
        ["build_rootfs_image"] = stack.Name,
        ["run_rootfs_image"] = stack.Name,
    });
}
