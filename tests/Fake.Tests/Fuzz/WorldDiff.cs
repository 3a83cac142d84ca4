using System.Collections;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Tests.Fuzz;

/// <summary>What differs between two worlds of one foundation: GUID sequence, table rows (by value) and settings.</summary>
public static class WorldDiff
{
    public static IReadOnlyList<string> Between(World before, World after)
    {
        if (ReferenceEquals(before, after))
        {
            return [];
        }

        var differences = new List<string>();
        if (before.GuidSequence != after.GuidSequence)
        {
            differences.Add($"guid sequence {before.GuidSequence} -> {after.GuidSequence}");
        }

        foreach (var type in before.Tables.Keys.Union(after.Tables.Keys))
        {
            var old = before.Tables.GetValueOrDefault(type);
            var now = after.Tables.GetValueOrDefault(type);
            if (ReferenceEquals(old, now))
            {
                continue;
            }

            if (old is not ITable && now is not ITable)
            {
                if (!Equals(old, now))
                {
                    differences.Add($"setting {type.Name} changed");
                }

                continue;
            }

            var oldRows = Rows(old);
            var newRows = Rows(now);
            var changed = oldRows.Keys.Union(newRows.Keys)
                .Where(guid => !oldRows.TryGetValue(guid, out var row) || !newRows.TryGetValue(guid, out var other) || !Equals(row, other))
                .ToList();
            if (changed.Count > 0)
            {
                differences.Add($"{type.Name}: {string.Join(", ", changed.Take(5))}");
            }
        }

        return differences;
    }

    private static Dictionary<string, IResource> Rows(object? table) =>
        table?.GetType().GetProperty("All")?.GetValue(table) is IEnumerable rows
            ? rows.Cast<IResource>().ToDictionary(row => row.Guid, StringComparer.Ordinal)
            : [];
}
