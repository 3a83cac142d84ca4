using System.Collections.Immutable;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

/// <summary>Labels and annotations of a resource.</summary>
public sealed record ResourceMetadata(
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, string> Annotations)
{
    public static readonly ResourceMetadata Empty = new(
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>Deep merge of a PATCH: keys with a value set it, keys with null delete it, others stay.</summary>
    public ResourceMetadata Apply(MetadataUpdate? update) =>
        update is null
            ? this
            : new ResourceMetadata(Merge(Labels, update.Labels), Merge(Annotations, update.Annotations));

    private static ImmutableSortedDictionary<string, string> Merge(
        ImmutableSortedDictionary<string, string> current,
        IReadOnlyDictionary<string, string?>? changes)
    {
        if (changes is null)
        {
            return current;
        }

        var builder = current.ToBuilder();
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                builder.Remove(key);
            }
            else
            {
                builder[key] = value;
            }
        }

        return builder.ToImmutable();
    }
}

/// <summary>The <c>metadata</c> of a request body: changes to labels and annotations (null values delete).</summary>
public sealed record MetadataUpdate(
    IReadOnlyDictionary<string, string?>? Labels,
    IReadOnlyDictionary<string, string?>? Annotations);

/// <summary>Wire shape of <c>metadata</c>.</summary>
public sealed record MetadataResponse(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public static MetadataResponse From(ResourceMetadata metadata) => new(metadata.Labels, metadata.Annotations);
}
