using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>A Cloud Controller resource with creation and update times (filterable by <c>created_ats</c>/<c>updated_ats</c>).</summary>
public interface ITimestamped : IResource
{
    DateTimeOffset CreatedAt { get; }

    DateTimeOffset UpdatedAt { get; }
}

/// <summary>A resource with labels and annotations (filterable by <c>label_selector</c>).</summary>
public interface ILabelled : ITimestamped
{
    ResourceMetadata Metadata { get; }
}
