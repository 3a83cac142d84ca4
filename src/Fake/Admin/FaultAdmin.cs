using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Admin;

public sealed record FaultRequest(string Kind, string Path, string? Method, int? Status, int? LatencyMs, int? Times);

/// <summary>Scripted faults: list, add, remove one, clear all.</summary>
public static class FaultAdmin
{
    public static void Map(RouteGroupBuilder foundation)
    {
        foundation.MapGet("/faults", (string id, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found => Results.Json(found.Faults.All(), AdminApi.Json)));
        foundation.MapPost("/faults", (string id, FaultRequest request, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                if (!Enum.TryParse<FaultKind>(request.Kind, ignoreCase: true, out var kind))
                {
                    return AdminApi.Invalid($"Unknown fault kind '{request.Kind}'. Valid kinds are: {string.Join(", ", Enum.GetNames<FaultKind>())}.");
                }

                var fault = found.Faults.Add(new Fault(string.Empty, kind, request.Path, request.Method, request.Status ?? 500, request.LatencyMs ?? 0, request.Times));
                return Results.Json(fault, AdminApi.Json, statusCode: StatusCodes.Status201Created);
            }));
        foundation.MapDelete("/faults/{faultId}", (string id, string faultId, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found => found.Faults.Remove(faultId) ? Results.NoContent() : Results.NotFound()));
        foundation.MapDelete("/faults", (string id, Foundations foundations) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                found.Faults.Clear();
                return Results.NoContent();
            }));
    }
}
