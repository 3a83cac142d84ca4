using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Features.Sidecars;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Revisions;

/// <summary>
/// Records revisions the way the Cloud Controller does when an app starts or deploys with the <c>revisions</c>
/// feature on: a new one only when the droplet, the environment or a process command changed since the latest,
/// described by what changed.
/// </summary>
public static class RevisionHistory
{
    public static IEnumerable<Revision> Of(World world, string appGuid) =>
        world.Of<Revision>().All.Where(revision => revision.AppGuid == appGuid).OrderBy(revision => revision.Version);

    public static Revision? Latest(World world, string appGuid) => Of(world, appGuid).LastOrDefault();

    /// <summary>The revision the app runs now (the latest, when the app is started).</summary>
    public static Revision? Deployed(World world, App app) => app.State == App.Started ? Latest(world, app.Guid) : null;

    /// <summary>Adds a revision for what the app would run now, unless nothing changed; <paramref name="rollbackTo"/> names the revision rolled back to.</summary>
    public static Revision? Record(Transaction transaction, App app, Revision? rollbackTo = null)
    {
        if (!app.Features.GetValueOrDefault("revisions") || app.CurrentDropletGuid is not { } droplet)
        {
            return null;
        }

        var commands = ProcessRuntime.Of(transaction.World, app.Guid).ToImmutableSortedDictionary(process => process.Type, process => process.Command, StringComparer.Ordinal);
        var sidecars = transaction.Of<Sidecar>().All.Where(sidecar => sidecar.AppGuid == app.Guid)
            .Select(sidecar => new RevisionSidecar(sidecar.Name, sidecar.Command, sidecar.ProcessTypes, sidecar.MemoryInMb)).ToImmutableList();
        var latest = Latest(transaction.World, app.Guid);
        var description = rollbackTo is not null ? $"Rolled back to revision {rollbackTo.Version}." : Describe(latest, droplet, app.EnvironmentVariables, commands);
        if (description is null)
        {
            return latest;
        }

        return transaction.Put(new Revision(
            transaction.NewGuid(), app.Guid, (latest?.Version ?? 0) + 1, droplet, commands, sidecars, app.EnvironmentVariables, description, true,
            ResourceMetadata.Empty, transaction.Now, transaction.Now));
    }

    private static string? Describe(Revision? latest, string droplet, ImmutableSortedDictionary<string, string> environment, ImmutableSortedDictionary<string, string?> commands)
    {
        if (latest is null)
        {
            return "Initial revision.";
        }

        var changes = new List<string>();
        if (latest.DropletGuid != droplet)
        {
            changes.Add("New droplet deployed.");
        }

        if (!latest.EnvironmentVariables.SequenceEqual(environment))
        {
            changes.Add("New environment variables deployed.");
        }

        changes.AddRange(commands.Where(pair => latest.ProcessCommands.GetValueOrDefault(pair.Key) != pair.Value)
            .Select(pair => $"Custom start command updated for '{pair.Key}' process."));
        return changes.Count == 0 ? null : string.Join(" ", changes);
    }
}
