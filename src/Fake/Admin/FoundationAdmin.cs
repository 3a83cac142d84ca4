using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Admin;

public sealed record CreateFoundationRequest(string? Id, string? Seed);

public sealed record ForkRequest(string? Id);

public sealed record SnapshotRequest(string? Name);

public sealed record RestoreRequest(string Snapshot);

public sealed record FoundationSummary(string Id, string Seed, DateTimeOffset Now, bool RealTime, long GuidSequence, IReadOnlyCollection<string> Snapshots, IReadOnlyDictionary<string, int> Resources)
{
    public static FoundationSummary From(Foundation foundation)
    {
        var world = foundation.World;
        return new FoundationSummary(foundation.Id, world.Seed, foundation.Clock.Now, foundation.Clock.RealTime, world.GuidSequence, [.. foundation.Snapshots.Keys.Order(StringComparer.Ordinal)], world.TableCounts());
    }
}

/// <summary>Foundations: list, create, fork, reset, snapshot, restore, delete.</summary>
public static class FoundationAdmin
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/foundations", (Foundations foundations) => Results.Json(foundations.All.Select(FoundationSummary.From)));
        admin.MapPost("/foundations", Create);
        admin.MapGet("/foundations/{id}", (string id, Foundations foundations) =>
            foundations.Find(id) is { } foundation ? Results.Json(FoundationSummary.From(foundation)) : AdminApi.Missing(id));
        admin.MapDelete("/foundations/{id}", (string id, Foundations foundations) =>
            foundations.Remove(id) ? Results.NoContent() : AdminApi.Invalid($"Foundation '{id}' cannot be deleted."));
        admin.MapPost("/foundations/{id}/fork", Fork);
        admin.MapPost("/foundations/{id}/reset", (string id, Foundations foundations) =>
        {
            if (foundations.Find(id) is not { } foundation)
            {
                return AdminApi.Missing(id);
            }

            foundations.Reset(foundation);
            foundation.Journal.Clear();
            foundation.Faults.Clear();
            return Results.Json(FoundationSummary.From(foundation));
        });
        admin.MapPost("/foundations/{id}/snapshots", (string id, SnapshotRequest? request, Foundations foundations) =>
            foundations.Find(id) is { } foundation
                ? Results.Json(new { snapshot = foundation.Snapshot(request?.Name) }, statusCode: StatusCodes.Status201Created)
                : AdminApi.Missing(id));
        admin.MapPost("/foundations/{id}/restore", (string id, RestoreRequest request, Foundations foundations) =>
        {
            if (foundations.Find(id) is not { } foundation)
            {
                return AdminApi.Missing(id);
            }

            if (!foundation.Snapshots.TryGetValue(request.Snapshot, out var world))
            {
                return AdminApi.Invalid($"No snapshot named '{request.Snapshot}'.");
            }

            foundation.Restore(world);
            return Results.Json(FoundationSummary.From(foundation));
        });
    }

    private static IResult Create(CreateFoundationRequest? request, Foundations foundations)
    {
        if (request?.Id == Foundations.CurrentId)
        {
            return Reserved();
        }

        if (request?.Id is { } id && foundations.Find(id) is not null)
        {
            return Results.Conflict(new { error = $"A foundation named '{id}' already exists." });
        }

        var foundation = foundations.Create(request?.Id, request?.Seed);
        return Results.Json(FoundationSummary.From(foundation), statusCode: StatusCodes.Status201Created);
    }

    private static IResult Fork(string id, ForkRequest? request, Foundations foundations)
    {
        if (foundations.Find(id) is not { } source)
        {
            return AdminApi.Missing(id);
        }

        if (request?.Id == Foundations.CurrentId)
        {
            return Reserved();
        }

        if (request?.Id is { } forkId && foundations.Find(forkId) is not null)
        {
            return Results.Conflict(new { error = $"A foundation named '{forkId}' already exists." });
        }

        return Results.Json(FoundationSummary.From(foundations.Fork(source, request?.Id)), statusCode: StatusCodes.Status201Created);
    }

    private static IResult Reserved() =>
        AdminApi.Invalid($"'{Foundations.CurrentId}' names the foundation a request talks to; choose another id.");
}
