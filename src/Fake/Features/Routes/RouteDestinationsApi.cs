using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Domains;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Routes;

/// <summary><c>/v3/routes/{guid}/destinations</c>: map and unmap apps (insert, replace, update protocol, remove).</summary>
public sealed class RouteDestinationsApi : IFeatureModule
{
    private const int DefaultPort = 8080;

    private static readonly ListSpec ListSpec = new() { Paginated = false, Timestamps = false, LabelSelector = false, Filters = ["guids", "app_guids"] };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/routes/{guid}/destinations", List);
        routes.MapPost("/v3/routes/{guid}/destinations", (string guid, CfContext cf, AppDirectory apps) => Change(guid, cf, apps, replace: false));
        routes.MapPatch("/v3/routes/{guid}/destinations", (string guid, CfContext cf, AppDirectory apps) => Change(guid, cf, apps, replace: true));
        routes.MapPatch("/v3/routes/{guid}/destinations/{destinationGuid}", UpdateProtocol);
        routes.MapDelete("/v3/routes/{guid}/destinations/{destinationGuid}", Remove);
    }

    private static IResult List(string guid, CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var route = RoutesApi.Visible(cf.Access(), guid);
        var destinations = query.Where(query.Where(route.Destinations, "guids", destination => destination.Guid), "app_guids", destination => destination.AppGuid);
        return CfResults.Ok(Present(route with { Destinations = [.. destinations] }, cf.Urls));
    }

    private static async Task<IResult> Change(string guid, CfContext cf, AppDirectory apps, bool replace)
    {
        var access = cf.Access();
        var route = RoutesApi.Visible(access, guid);
        var domain = access.World.Find<Domain>(route.DomainGuid)!;
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("destinations");
        var requested = ReadDestinations(body, domain, replace);
        body.ThrowIfInvalid();
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            var missing = requested.Select(destination => destination.AppGuid).Distinct()
                .Where(app => apps.SpaceOf(transaction.World, app) is not { } space || (space != current.SpaceGuid && !current.SharedSpaceGuids.Contains(space)))
                .ToList();
            if (missing.Count > 0)
            {
                throw CfErrors.Unprocessable($"App(s) with guid(s) \"{string.Join("\", \"", missing)}\" do not exist.");
            }

            var kept = replace ? [] : current.Destinations;
            if (!replace && kept.Any(destination => destination.Weight is not null))
            {
                throw CfErrors.Unprocessable("Destinations cannot be inserted when there are weighted destinations already configured.");
            }

            var added = requested
                .Where(candidate => !kept.Any(existing => SameTarget(existing, candidate)))
                .Select(candidate => current.Destinations.FirstOrDefault(existing => SameTarget(existing, candidate) && existing.Weight == candidate.Weight)
                                     ?? candidate with { Guid = transaction.NewGuid(), CreatedAt = transaction.Now, UpdatedAt = transaction.Now });
            var destinations = kept.AddRange(added);
            if (destinations.Count > 100)
            {
                throw CfErrors.Unprocessable("Routes can be mapped to at most 100 destinations.");
            }

            return transaction.Put(current with { Destinations = destinations, UpdatedAt = transaction.Now });
        });
        return CfResults.Ok(Present(updated, cf.Urls));
    }

    private static bool SameTarget(RouteDestination left, RouteDestination right) =>
        left.AppGuid == right.AppGuid && left.ProcessType == right.ProcessType && left.Port == right.Port && left.Protocol == right.Protocol;

    private static ImmutableList<RouteDestination> ReadDestinations(RequestBody body, Domain domain, bool replace)
    {
        if (body.Json["destinations"] is not JsonArray array || array.Count > 100 || (!replace && array.Count == 0))
        {
            body.AddError("destinations", $"must be an array containing between {(replace ? 0 : 1)} and 100 destination objects.");
            return [];
        }

        var result = ImmutableList.CreateBuilder<RouteDestination>();
        for (var index = 0; index < array.Count; index++)
        {
            if (ReadDestination(body, array[index], index, domain, replace) is { } destination)
            {
                result.Add(destination);
            }
        }

        var weights = result.Select(destination => destination.Weight).ToList();
        if (weights.Any(weight => weight is not null) && weights.Any(weight => weight is null))
        {
            body.AddError("destinations", "cannot contain both weighted and unweighted destinations.");
        }
        else if (weights.Any(weight => weight is not null) && weights.Sum() != 100)
        {
            body.AddError("destinations", "must have weights that sum to 100.");
        }

        return result.ToImmutable();
    }

    private static RouteDestination? ReadDestination(RequestBody body, JsonNode? node, int index, Domain domain, bool replace)
    {
        void Error(string message) => body.AddError($"Destinations[{index}]: {message}");
        if (node is not JsonObject entry)
        {
            Error("must be an object.");
            return null;
        }

        if (!entry.ContainsKey("app"))
        {
            Error("must have an \"app\".");
            return null;
        }

        if (entry.Any(pair => pair.Key is not ("app" or "weight" or "port" or "protocol")))
        {
            Error("must have only \"app\" and optionally \"weight\", \"port\" or \"protocol\".");
            return null;
        }

        if (entry["app"] is not JsonObject app || app["guid"]?.GetValueKind() != JsonValueKind.String)
        {
            Error("app must have the structure {\"guid\": \"app_guid\"}");
            return null;
        }

        var processType = "web";
        if (app["process"] is { } process)
        {
            if (process is not JsonObject processObject || processObject["type"]?.GetValueKind() != JsonValueKind.String)
            {
                Error("process must have the structure {\"type\": \"process_type\"}");
                return null;
            }

            processType = processObject["type"]!.GetValue<string>();
        }

        int? weight = null;
        if (entry["weight"] is { } weightNode)
        {
            if (!replace)
            {
                Error("weighted destinations can only be used when replacing all destinations.");
            }

            if (weightNode.GetValueKind() != JsonValueKind.Number || !weightNode.AsValue().TryGetValue<int>(out var value) || value is < 1 or > 100)
            {
                Error("weight must be a positive integer between 1 and 100.");
                return null;
            }

            weight = value;
        }

        var protocol = domain.IsTcp ? "tcp" : "http1";
        if (entry["protocol"] is { } protocolNode)
        {
            var value = protocolNode.GetValueKind() == JsonValueKind.String ? protocolNode.GetValue<string>() : null;
            if (value is not ("http1" or "http2" or "tcp"))
            {
                Error("protocol must be 'http1', 'http2' or 'tcp'.");
                return null;
            }

            protocol = value;
        }

        var port = DefaultPort;
        if (entry["port"] is { } portNode)
        {
            if (portNode.GetValueKind() != JsonValueKind.Number || !portNode.AsValue().TryGetValue(out port) || port is < 1024 or > 65535)
            {
                Error("port must be a positive integer between 1024 and 65535 inclusive.");
                return null;
            }
        }

        if ((protocol == "tcp") != domain.IsTcp)
        {
            var valid = domain.IsTcp ? "'tcp'" : "'http1', 'http2'";
            body.AddError($"Cannot use '{protocol}' protocol for {(domain.IsTcp ? "tcp" : "http")} routes; valid options are: [{valid}].");
            return null;
        }

        return new RouteDestination(string.Empty, app["guid"]!.GetValue<string>(), processType, port, weight, protocol, default, default);
    }

    private static async Task<IResult> UpdateProtocol(string guid, string destinationGuid, CfContext cf)
    {
        var access = cf.Access();
        var route = RoutesApi.Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("protocol");
        var protocol = body.String("protocol");
        if (protocol is not null and not ("http1" or "http2"))
        {
            body.AddError("protocol", "must be 'http1' or 'http2'");
        }

        body.ThrowIfInvalid();
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            var destination = current.Destinations.FirstOrDefault(destination => destination.Guid == destinationGuid) ?? throw UnknownDestination();
            var changed = destination with { Protocol = protocol ?? destination.Protocol, UpdatedAt = transaction.Now };
            transaction.Put(current with { Destinations = current.Destinations.Replace(destination, changed), UpdatedAt = transaction.Now });
            return changed;
        });
        var response = JsonSerializer.SerializeToNode(DestinationResponse.From(updated), CfJson.Options)!.AsObject();
        response["links"] = JsonSerializer.SerializeToNode(new
        {
            destinations = cf.Urls.Link($"/v3/routes/{guid}/destinations"),
            route = cf.Urls.Link("/v3/routes/" + guid),
        }, CfJson.Options);
        return CfResults.Ok(response);
    }

    private static IResult Remove(string guid, string destinationGuid, CfContext cf)
    {
        var access = cf.Access();
        var route = RoutesApi.Visible(access, guid);
        access.Require(access.CanManageAppsInSpace(route.SpaceGuid));
        cf.Write(transaction =>
        {
            var current = transaction.Find<Route>(guid) ?? throw CfErrors.NotFound("Route");
            var destination = current.Destinations.FirstOrDefault(destination => destination.Guid == destinationGuid) ?? throw UnknownDestination();
            if (destination.Weight is not null)
            {
                throw CfErrors.Unprocessable("Weighted destinations cannot be deleted individually.");
            }

            transaction.Put(current with { Destinations = current.Destinations.Remove(destination), UpdatedAt = transaction.Now });
        });
        return CfResults.NoContent();
    }

    private static CfException UnknownDestination() =>
        CfErrors.Unprocessable("Unable to unmap route from destination. Ensure the route has a destination with this guid.");

    private static object Present(Route route, CfUrls urls) => new
    {
        destinations = route.Destinations.Select(DestinationResponse.From),
        links = new
        {
            self = urls.Link($"/v3/routes/{route.Guid}/destinations"),
            route = urls.Link("/v3/routes/" + route.Guid),
        },
    };

}
