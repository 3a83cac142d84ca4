using System.Globalization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>
/// Writes many resources straight into a fake foundation's engine in one transaction, for tests (and benchmarks) that
/// need a big foundation without thousands of HTTP calls. Only the fake has an engine to write to.
/// </summary>
public sealed class BulkSeed
{
    private readonly Foundation foundation;

    internal BulkSeed(Foundation foundation) => this.foundation = foundation;

    /// <summary>
    /// Creates <paramref name="count"/> stopped apps (each with its web process, as <c>POST /v3/apps</c> would) named
    /// <c>{namePrefix}-00001</c>... in the space, with optional labels per index; returns their guids in order.
    /// </summary>
    public IReadOnlyList<string> Apps(int count, SpaceRef space, string namePrefix = "app", Func<int, IReadOnlyDictionary<string, string>>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        return Apps(count, space.Guid, namePrefix, labels);
    }

    /// <summary>The same, for a space known by its guid.</summary>
    public IReadOnlyList<string> Apps(int count, string spaceGuid, string namePrefix = "app", Func<int, IReadOnlyDictionary<string, string>>? labels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (foundation.World.Find<Space>(spaceGuid) is null)
        {
            throw new ArgumentException($"No space '{spaceGuid}' in foundation '{foundation.Id}'.", nameof(spaceGuid));
        }

        var width = Math.Max(5, count.ToString(CultureInfo.InvariantCulture).Length);
        var names = Enumerable.Range(1, count).Select(index => $"{namePrefix}-{index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}").ToList();
        Func<int, MetadataUpdate?>? metadata = labels is null
            ? null
            : index => new MetadataUpdate(labels(index).ToDictionary(label => label.Key, label => (string?)label.Value), null);
        return foundation.Write(transaction => AppsApi.CreateApps(transaction, spaceGuid, names, metadata).Select(app => app.Guid).ToList());
    }
}
