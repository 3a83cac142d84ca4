using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Routes;

/// <summary>The body of <c>POST /v3/routes</c>, validated with Cloud Controller's messages.</summary>
public sealed partial record RouteRequest(
    string Host,
    string Path,
    int? Port,
    string SpaceGuid,
    string DomainGuid,
    string? LoadBalancing,
    MetadataUpdate? Metadata)
{
    private static readonly string[] LoadBalancingAlgorithms = ["round-robin", "least-connection", "hash"];

    public static RouteRequest Read(RequestBody body)
    {
        body.AllowOnly("host", "path", "port", "relationships", "options", "metadata");
        var host = body.String("host", maxLength: 63);
        if (host is { Length: > 0 } && !HostFormat().IsMatch(host))
        {
            body.AddError("host", "must be either \"*\" or contain only alphanumeric characters, \"_\", or \"-\"");
        }

        var path = ValidatePath(body, body.String("path"));
        var port = body.Integer("port", min: 0, max: 65535);
        var relationships = body.Object("relationships", required: true, notObjectMessage: "'relationships' is not an object");
        relationships?.AllowOnly("space", "domain");
        var space = relationships?.ToOne("space");
        var domain = relationships?.ToOne("domain");
        var loadBalancing = ReadOptions(body);
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        return new RouteRequest(host ?? string.Empty, path ?? string.Empty, (int?)port, space!, domain!, loadBalancing, metadata);
    }

    /// <summary>Reads <c>options.loadbalancing</c> (create and update share it).</summary>
    public static string? ReadOptions(RequestBody body)
    {
        if (body.Object("options", notObjectMessage: "'options' is not a valid object") is not { } options)
        {
            return null;
        }

        options.AllowOnly("loadbalancing", "hash_header", "hash_balance");
        var algorithm = options.String("loadbalancing");
        if (algorithm is not null && !LoadBalancingAlgorithms.Contains(algorithm))
        {
            options.AddError("loadbalancing", $"must be one of '{string.Join(", ", LoadBalancingAlgorithms)}' if present");
        }

        return algorithm;
    }

    private static string? ValidatePath(RequestBody body, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        if (!path.StartsWith('/'))
        {
            body.AddError("path", "must begin with /");
        }

        if (path.Contains('?', StringComparison.Ordinal))
        {
            body.AddError("path", "cannot contain ?");
        }

        if (path == "/")
        {
            body.AddError("path", "cannot be exactly /");
        }

        if (path.Length > 128)
        {
            body.AddError("path", "is too long (maximum is 128 characters)");
        }

        return path;
    }

    [GeneratedRegex(@"\A([\w-]+|\*)\z")]
    private static partial Regex HostFormat();
}
