using System.Collections.Immutable;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A cluster apps are provisioned on: the default one, or the one serving given pools. Certificates are base64, as sent.</summary>
public sealed record TsuruCluster(
    string Guid,
    ImmutableList<string> Addresses,
    string Provisioner,
    string? CaCert,
    string? ClientCert,
    string? ClientKey,
    ImmutableList<string> Pools,
    ImmutableSortedDictionary<string, string> CustomData,
    bool Local,
    bool Default,
    string HttpProxy) : IResource
{
    public string Name => Guid;
}

/// <summary>A node registered through the (older) node API, keyed by address.</summary>
public sealed record TsuruNode(string Guid, string Pool, string Status, ImmutableSortedDictionary<string, string> Metadata) : IResource
{
    public string Address => Guid;
}

/// <summary>A node container configuration (keyed <c>name/pool</c>; the pool is empty for the base configuration).</summary>
public sealed record TsuruNodeContainer(string Guid, string Name, string Pool, ImmutableSortedDictionary<string, string> Config) : IResource;

/// <summary>
/// Infrastructure, admin only: provisioners (<c>/1.7/provisioner</c>), clusters (<c>/1.3/provisioner/clusters</c>,
/// JSON bodies only, update at <c>/1.4</c>, info at <c>/1.8</c>), nodes (<c>/1.2/node</c>) and node containers
/// (<c>/1.2/nodecontainers</c>), stored as sent.
/// </summary>
public sealed class TsuruInfrastructureApi : IFeatureModule
{
    private const string Provisioner = "kubernetes";

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(transaction =>
        transaction.Put(new TsuruCluster("default", ["https://kubernetes.default.svc"], Provisioner, null, null, null, [], ImmutableSortedDictionary<string, string>.Empty, false, true, string.Empty)));

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.7", "/provisioner", (HttpContext context) =>
        {
            RequireAdmin(context);
            return TsuruJson.Json(new[]
            {
                new
                {
                    name = Provisioner,
                    cluster_help = new
                    {
                        provisioner_help = "A kubernetes cluster; its addresses are the API server endpoints.",
                        custom_data_help = new Dictionary<string, string> { ["namespace"] = "Namespace the apps of this cluster run in." },
                    },
                },
            });
        });
        TsuruRoutes.Map(routes, "GET", "1.3", "/provisioner/clusters", (HttpContext context) =>
        {
            RequireAdmin(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruCluster>().All.Select(Present));
        });
        TsuruRoutes.Map(routes, "POST", "1.3", "/provisioner/clusters", (HttpContext context) => SaveClusterAsync(context, null));
        TsuruRoutes.Map(routes, "POST", "1.4", "/provisioner/clusters/{name}", (string name, HttpContext context) => SaveClusterAsync(context, name));
        TsuruRoutes.Map(routes, "GET", "1.8", "/provisioner/clusters/{name}", (string name, HttpContext context) =>
        {
            RequireAdmin(context);
            return TsuruJson.Json(Present(RequireCluster(TsuruAuth.World(context), name)));
        });
        TsuruRoutes.Map(routes, "DELETE", "1.3", "/provisioner/clusters/{name}", (string name, HttpContext context) =>
        {
            RequireAdmin(context);
            context.Foundation().Write(transaction =>
            {
                RequireCluster(transaction.World, name);
                transaction.Remove<TsuruCluster>(name);
            });
            return Results.Ok();
        });
        TsuruRoutes.Map(routes, "GET", "1.2", "/node", ListNodes);
        TsuruRoutes.Map(routes, "POST", "1.2", "/node", AddNodeAsync);
        TsuruRoutes.Map(routes, "PUT", "1.2", "/node", UpdateNodeAsync);
        TsuruRoutes.Map(routes, "GET", "1.2", "/node/{address}", (string address, HttpContext context) =>
        {
            RequireAdmin(context);
            var node = RequireNode(TsuruAuth.World(context), Uri.UnescapeDataString(address));
            return TsuruJson.Json(new { node = PresentNode(node), units = Array.Empty<object>() });
        });
        TsuruRoutes.Map(routes, "DELETE", "1.2", "/node/{address}", (string address, HttpContext context) =>
        {
            RequireAdmin(context);
            context.Foundation().Write(transaction => transaction.Remove<TsuruNode>(RequireNode(transaction.World, Uri.UnescapeDataString(address)).Address));
            return Results.Ok();
        });
        TsuruRoutes.Map(routes, "POST", "1.2", "/nodecontainers", AddNodeContainerAsync);
    }

    /// <summary>The name of the cluster serving a pool: the one listing it, else the default one.</summary>
    public static string? ClusterOf(World world, string pool)
    {
        var clusters = world.Of<TsuruCluster>().All.ToList();
        return (clusters.FirstOrDefault(cluster => cluster.Pools.Contains(pool)) ?? clusters.FirstOrDefault(cluster => cluster.Default))?.Name;
    }

    private static void RequireAdmin(HttpContext context)
    {
        if (!TsuruAuth.User(context).IsAdmin)
        {
            throw TsuruException.Forbidden();
        }
    }

    private static TsuruCluster RequireCluster(World world, string name) =>
        world.Find<TsuruCluster>(name) ?? throw TsuruException.NotFound("cluster not found");

    private static async Task<IResult> SaveClusterAsync(HttpContext context, string? existing)
    {
        RequireAdmin(context);
        var type = context.Request.ContentType ?? string.Empty;
        if (type.Length > 0 && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw TsuruException.BadRequest($"Invalid Content-Type \"{type}\"");
        }

        var input = await TsuruInput.ReadAsync(context.Request);
        var name = (existing ?? input.Value("name") ?? string.Empty).Trim();
        var pools = input.Values("pools");
        context.Foundation().Write(transaction =>
        {
            if (existing is null && transaction.Find<TsuruCluster>(name) is not null)
            {
                throw TsuruException.Conflict("cluster already exists");
            }

            if (existing is not null)
            {
                RequireCluster(transaction.World, existing);
            }

            if (pools.FirstOrDefault(pool => transaction.Find<TsuruPool>(pool) is null) is not null)
            {
                throw new TsuruException(existing is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, "Pool does not exist.");
            }

            var cluster = new TsuruCluster(
                name, [.. input.Values("addresses")], input.Value("provisioner") ?? string.Empty, input.Value("cacert"), input.Value("clientcert"), input.Value("clientkey"),
                [.. pools], input.Map("custom_data"), input.Flag("local"), input.Flag("default"), input.Value("httpProxy") ?? string.Empty);
            Validate(cluster, existing is null);
            transaction.Put(cluster);
        });
        return Results.Ok();
    }

    private static void Validate(TsuruCluster cluster, bool isNew)
    {
        var problem = cluster switch
        {
            { Name.Length: 0 } => "cluster name is mandatory",
            _ when isNew && !TsuruNames.IsValid(cluster.Name) =>
                "Invalid cluster name, cluster name should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.",
            { Provisioner.Length: 0 } => "provisioner name is mandatory",
            { Pools.Count: > 0, Default: true } => "cannot have both pools and default set",
            { Pools.Count: 0, Default: false } => "either default or a list of pools must be set",
            _ when cluster.Provisioner != Provisioner => $"provisioner error: unknown provisioner: \"{cluster.Provisioner}\"",
            _ => null,
        };
        if (problem is not null)
        {
            throw TsuruException.BadRequest(problem);
        }
    }

    /// <summary>The server's <c>Cluster</c> JSON: <c>httpProxy</c> is <c>omitempty</c>, absent when unset.</summary>
    private static Dictionary<string, object?> Present(TsuruCluster cluster)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = cluster.Name,
            ["addresses"] = cluster.Addresses,
            ["provisioner"] = cluster.Provisioner,
            ["cacert"] = cluster.CaCert,
            ["clientcert"] = cluster.ClientCert,
            ["clientkey"] = cluster.ClientKey,
            ["pools"] = cluster.Pools,
            ["custom_data"] = cluster.CustomData,
            ["local"] = cluster.Local,
            ["default"] = cluster.Default,
        };
        if (cluster.HttpProxy.Length > 0)
        {
            body["httpProxy"] = cluster.HttpProxy;
        }

        return body;
    }

    private static TsuruNode RequireNode(World world, string address) =>
        world.Find<TsuruNode>(address) ?? throw TsuruException.NotFound("node not found");

    private static object PresentNode(TsuruNode node) => new
    {
        address = node.Address,
        iaasid = string.Empty,
        status = node.Status,
        pool = node.Pool,
        provisioner = Provisioner,
        metadata = node.Metadata,
    };

    private static IResult ListNodes(HttpContext context)
    {
        RequireAdmin(context);
        var nodes = TsuruAuth.World(context).Of<TsuruNode>().All.Select(PresentNode).ToList();
        return nodes.Count == 0 ? Results.NoContent() : TsuruJson.Json(new { nodes, machines = Array.Empty<object>() });
    }

    private static async Task<IResult> AddNodeAsync(HttpContext context)
    {
        RequireAdmin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var metadata = input.Map("metadata");
        var address = input.Value("address") is { Length: > 0 } given ? given : metadata.GetValueOrDefault("address", string.Empty);
        if (address.Length == 0)
        {
            throw TsuruException.BadRequest("address=url parameter is required");
        }

        var pool = metadata.GetValueOrDefault("pool", string.Empty);
        if (pool.Length == 0)
        {
            throw TsuruException.BadRequest("pool=name parameter is required");
        }

        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruPool>(pool) is null)
            {
                throw TsuruException.NotFound("Pool does not exist.");
            }

            if (transaction.Find<TsuruNode>(address) is not null)
            {
                throw TsuruException.Conflict("node already exists");
            }

            transaction.Put(new TsuruNode(address, pool, "ready", metadata.Remove("address").Remove("pool")));
        });
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateNodeAsync(HttpContext context)
    {
        RequireAdmin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var address = input.Value("address") ?? string.Empty;
        if (address.Length == 0)
        {
            throw TsuruException.BadRequest("address=url parameter is required");
        }

        var (enable, disable) = (input.Flag("enable"), input.Flag("disable"));
        if (enable && disable)
        {
            throw TsuruException.BadRequest("A node can't be enabled and disabled simultaneously.");
        }

        context.Foundation().Write(transaction =>
        {
            var node = RequireNode(transaction.World, address);
            var pool = input.Value("pool") is { Length: > 0 } given ? given : node.Pool;
            if (transaction.Find<TsuruPool>(pool) is null)
            {
                throw TsuruException.NotFound("Pool does not exist.");
            }

            var metadata = node.Metadata;
            foreach (var (key, value) in input.Map("metadata"))
            {
                metadata = value.Length == 0 ? metadata.Remove(key) : metadata.SetItem(key, value);
            }

            transaction.Put(node with { Pool = pool, Metadata = metadata, Status = enable ? "ready" : disable ? "disabled" : node.Status });
        });
        return Results.Ok();
    }

    private static async Task<IResult> AddNodeContainerAsync(HttpContext context)
    {
        RequireAdmin(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        if (name.Length == 0)
        {
            throw TsuruException.BadRequest("node container config name cannot be empty");
        }

        var pool = input.Value("pool") ?? string.Empty;
        var config = input.Map("config");
        if (pool.Length == 0 && !config.ContainsKey("image"))
        {
            throw TsuruException.BadRequest("node container config image cannot be empty");
        }

        context.Foundation().Write(transaction =>
        {
            if (pool.Length > 0 && transaction.Find<TsuruPool>(pool) is null)
            {
                throw TsuruException.NotFound("Pool does not exist.");
            }

            transaction.Put(new TsuruNodeContainer($"{name}/{pool}", name, pool, config));
        });
        return Results.Ok();
    }
}
