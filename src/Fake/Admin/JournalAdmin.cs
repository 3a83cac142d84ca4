using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Admin;

/// <summary>The request journal: the last requests, filtered by path, method, status or unmatched.</summary>
public static class JournalAdmin
{
    public static void Map(RouteGroupBuilder foundation)
    {
        foundation.MapGet("/journal", (string id, Foundations foundations, int? last, string? path, string? method, int? status, bool? unmatched) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                var query = new JournalQuery(path, method, status, unmatched, last);
                return Results.Json(query.Apply(found.Journal.Entries()));
            }));
        foundation.MapDelete("/journal", (string id, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                found.Journal.Clear();
                return Results.NoContent();
            }));
    }
}

/// <summary>A filter over journal entries, shared by the admin API and the fixtures.</summary>
public sealed record JournalQuery(string? Path = null, string? Method = null, int? Status = null, bool? Unmatched = null, int? Last = null)
{
    public IReadOnlyList<JournalEntry> Apply(IEnumerable<JournalEntry> entries)
    {
        var selected = entries
            .Where(entry => Path is null || entry.Path.Contains(Path, StringComparison.OrdinalIgnoreCase))
            .Where(entry => Method is null || string.Equals(entry.Method, Method, StringComparison.OrdinalIgnoreCase))
            .Where(entry => Status is null || entry.Status == Status)
            .Where(entry => Unmatched is not true || !entry.Matched)
            .ToList();
        return Last is { } last ? selected.TakeLast(last).ToList() : selected;
    }
}
