using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Buildpacks;

/// <summary>Keeps buildpack positions 1..n without gaps: inserting or moving one shifts the others, as Cloud Controller does.</summary>
public static class BuildpackPositions
{
    public static int Last(World world) => world.Of<Buildpack>().Count;

    /// <summary>Puts <paramref name="buildpack"/> at <paramref name="position"/> (clamped to the end) and renumbers the rest.</summary>
    public static Buildpack Place(Transaction transaction, Buildpack buildpack, int? position)
    {
        var others = transaction.Of<Buildpack>().All.Where(other => other.Guid != buildpack.Guid).OrderBy(other => other.Position).ToList();
        var index = Math.Clamp((position ?? int.MaxValue) - 1, 0, others.Count);
        others.Insert(index, buildpack);
        Buildpack placed = buildpack;
        for (var i = 0; i < others.Count; i++)
        {
            var renumbered = others[i] with { Position = i + 1 };
            if (renumbered.Guid == buildpack.Guid)
            {
                placed = renumbered;
            }

            if (renumbered != transaction.Find<Buildpack>(renumbered.Guid))
            {
                transaction.Put(renumbered);
            }
        }

        return placed;
    }

    public static void Close(Transaction transaction)
    {
        var index = 1;
        foreach (var buildpack in transaction.Of<Buildpack>().All.OrderBy(buildpack => buildpack.Position).ToList())
        {
            transaction.Put(buildpack with { Position = index++ });
        }
    }
}
