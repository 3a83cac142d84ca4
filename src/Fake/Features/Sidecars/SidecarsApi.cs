using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Processes;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Sidecars;

/// <summary>An extra process running next to some process types of an app.</summary>
public sealed record Sidecar(string Guid, string AppGuid, string Name, string Command, ImmutableList<string> ProcessTypes, int? MemoryInMb, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) : ITimestamped, IAppOwned;

public sealed record SidecarResponse(string Guid, string Name, string Command, IReadOnlyList<string> ProcessTypes, int? MemoryInMb, string Origin, object Relationships, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SidecarResponse From(Sidecar sidecar) => new(
        sidecar.Guid, sidecar.Name, sidecar.Command, sidecar.ProcessTypes, sidecar.MemoryInMb, "user", new { app = new ToOne(sidecar.AppGuid) }, sidecar.CreatedAt, sidecar.UpdatedAt);
}

/// <summary>Sidecars of apps: create, read, update, delete, and list per app or per process.</summary>
public sealed class SidecarsApi : IFeatureModule
{
    private static readonly ListSpec ListSpec = new() { LabelSelector = false };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<DeletionCascade>().OnDelete<App>((transaction, app) => transaction.RemoveWhere<Sidecar>(sidecar => sidecar.AppGuid == app.Guid));
        routes.MapPost("/v3/apps/{guid}/sidecars", Create);
        routes.MapGet("/v3/apps/{guid}/sidecars", (string guid, CfContext cf) =>
        {
            var app = AppsApi.Visible(cf.Access(), guid);
            return List(cf, sidecar => sidecar.AppGuid == app.Guid, $"/v3/apps/{guid}/sidecars");
        });
        routes.MapGet("/v3/processes/{guid}/sidecars", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var process = access.World.Find<Process>(guid);
            if (process is null || access.World.Find<App>(process.AppGuid) is not { } app || !access.CanReadSpace(app.SpaceGuid))
            {
                throw CfErrors.NotFound("Process");
            }

            return List(cf, sidecar => sidecar.AppGuid == process.AppGuid && sidecar.ProcessTypes.Contains(process.Type), $"/v3/processes/{guid}/sidecars");
        });
        routes.MapGet("/v3/sidecars/{guid}", (string guid, CfContext cf) => CfResults.Ok(SidecarResponse.From(Visible(cf.Access(), guid))));
        routes.MapPatch("/v3/sidecars/{guid}", Update);
        routes.MapDelete("/v3/sidecars/{guid}", (string guid, CfContext cf) =>
        {
            var access = cf.Access();
            var sidecar = Visible(access, guid);
            access.Require(access.CanWriteToSpace(access.World.Find<App>(sidecar.AppGuid)!.SpaceGuid));
            cf.Write(transaction => transaction.Remove<Sidecar>(guid));
            return CfResults.NoContent();
        });
    }

    private static Sidecar Visible(Access access, string guid) => AppOwned.Visible<Sidecar>(access, guid, "Sidecar");

    private static IResult List(CfContext cf, Func<Sidecar, bool> scope, string path)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        return CfResults.Ok(query.Respond(query.Standard(cf.World.Of<Sidecar>()).Where(scope), SidecarResponse.From, cf.Urls, path));
    }

    private static (string? Name, string? Command, IReadOnlyList<string>? Types, long? Memory) Read(RequestBody body, bool create)
    {
        body.AllowOnly("name", "command", "process_types", "memory_in_mb");
        var name = body.String("name", required: create, maxLength: 255);
        var command = body.String("command", required: create, maxLength: 4096);
        var types = body.StringArray("process_types");
        if (create && (types is null || types.Count == 0))
        {
            body.AddError("process_types", "must have at least 1 process_type");
        }

        var memory = body.Integer("memory_in_mb", min: 1);
        body.ThrowIfInvalid();
        return (name, command, types, memory);
    }

    private static async Task<IResult> Create(string guid, CfContext cf)
    {
        var access = cf.Access();
        var app = AppsApi.Visible(access, guid);
        access.Require(access.CanWriteToSpace(app.SpaceGuid));
        var (name, command, types, memory) = Read(await RequestBody.ReadAsync(cf.Http.Request), create: true);
        var sidecar = cf.Write(transaction =>
        {
            if (transaction.Of<Sidecar>().All.Any(existing => existing.AppGuid == app.Guid && existing.Name == name))
            {
                throw CfErrors.Unprocessable($"Sidecar with name '{name}' already exists for given app");
            }

            return transaction.Put(new Sidecar(transaction.NewGuid(), app.Guid, name!, command!, [.. types!], (int?)memory, transaction.Now, transaction.Now));
        });
        return CfResults.Created(SidecarResponse.From(sidecar));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        var sidecar = Visible(access, guid);
        access.Require(access.CanWriteToSpace(access.World.Find<App>(sidecar.AppGuid)!.SpaceGuid));
        var (name, command, types, memory) = Read(await RequestBody.ReadAsync(cf.Http.Request), create: false);
        var updated = cf.Write(transaction => transaction.Put(sidecar with
        {
            Name = name ?? sidecar.Name,
            Command = command ?? sidecar.Command,
            ProcessTypes = types is null ? sidecar.ProcessTypes : [.. types],
            MemoryInMb = (int?)memory ?? sidecar.MemoryInMb,
            UpdatedAt = transaction.Now,
        }));
        return CfResults.Ok(SidecarResponse.From(updated));
    }
}
