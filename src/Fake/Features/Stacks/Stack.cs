using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Stacks;

public sealed record Stack(
    string Guid,
    string Name,
    string? Description,
    string State,
    string? StateReason,
    bool Default,
    ResourceMetadata Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ILabelled
{
    public static readonly IReadOnlyList<string> States = ["ACTIVE", "RESTRICTED", "DEPRECATED", "DISABLED"];

    public static Stack? DefaultOf(Engine.World world) => world.Of<Stack>().All.FirstOrDefault(stack => stack.Default);

    public static Stack? Named(Engine.World world, string name) => world.Of<Stack>().All.FirstOrDefault(stack => stack.Name == name);
}

public sealed record StackResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    string? Description,
    string State,
    string? StateReason,
    string BuildRootfsImage,
    string RunRootfsImage,
    bool Default,
    MetadataResponse Metadata,
    IReadOnlyDictionary<string, Link> Links)
{
    public static StackResponse From(Stack stack, CfUrls urls) => new(
        stack.Guid, stack.CreatedAt, stack.UpdatedAt, stack.Name, stack.Description, stack.State, stack.StateReason, stack.Name, stack.Name,
        stack.Default, MetadataResponse.From(stack.Metadata), new Dictionary<string, Link> { ["self"] = urls.Link("/v3/stacks/" + stack.Guid) });
}
