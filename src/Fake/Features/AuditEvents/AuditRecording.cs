using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Organizations;
using CloudFoundry.Fake.Features.ServiceBindings;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.Hosting;

namespace CloudFoundry.Fake.Features.AuditEvents;

/// <summary>
/// Records an audit event after every successful write that <see cref="AuditRules"/> lists: the actor from the token,
/// the target (named from the world before the write, so deletions keep their names), the space and organization,
/// and the request body with secrets hidden.
/// </summary>
public sealed class AuditRecording(RequestDelegate next)
{
    /// <summary>What Cloud Controller records in place of secrets.</summary>
    public const string Hidden = "[PRIVATE DATA HIDDEN]";
    private static readonly HashSet<string> SecretFields = new(StringComparer.Ordinal) { "environment_variables", "var", "credentials", "parameters", "authentication" };

    /// <summary>Request fields CC records under another name (an environment variable update's <c>var</c>).</summary>
    private static readonly Dictionary<string, string> AuditedNames = new(StringComparer.Ordinal) { ["var"] = "environment_variables" };

    public async Task InvokeAsync(HttpContext context)
    {
        var rule = HttpMethods.IsGet(context.Request.Method) ? null : Find(context);
        if (rule is null)
        {
            await next(context);
            return;
        }

        var foundation = context.Foundation();
        var before = foundation.World;
        var request = await ReadJsonAsync(context.Request);
        byte[] body = [];
        await ResponseCapture.RunAsync(context, next, captured => body = captured);

        if (context.Response.StatusCode is >= 200 and < 300 && CfAuthentication.OptionalCallerOf(context) is { } caller)
        {
            var response = ParseObject(body);
            var routeValues = context.Request.RouteValues;
            var earlier = new AuditInput(before, routeValues, request, null);
            var later = new AuditInput(foundation.World, routeValues, request, response);
            var (kind, guid) = rule.Target(earlier) is { Guid: not null } known ? known : rule.Target(later);
            if (guid is not null)
            {
                var type = rule.Type(earlier);
                foundation.Write(transaction => AuditEvent.Record(
                    transaction,
                    type,
                    AuditActor.Of(caller),
                    Describe(before, kind, guid) ?? Describe(transaction.World, kind, guid) ?? new AuditTarget(guid, kind, string.Empty),
                    new JsonObject { ["request"] = Redact(request) },
                    SpaceOf(before, kind, guid) ?? SpaceOf(transaction.World, kind, guid),
                    OrganizationOf(before, kind, guid) ?? OrganizationOf(transaction.World, kind, guid)));
            }
        }
    }

    private static AuditRule? Find(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
            ? AuditRules.All.FirstOrDefault(rule => rule.Method == context.Request.Method && rule.Pattern == "/" + endpoint.RoutePattern.RawText?.Trim('/'))
            : null;

    private static AuditTarget? Describe(World world, string kind, string guid) => kind switch
    {
        "app" => world.Find<App>(guid) is { } app ? new AuditTarget(guid, kind, app.Name) : null,
        "space" => world.Find<Space>(guid) is { } space ? new AuditTarget(guid, kind, space.Name) : null,
        "organization" => world.Find<Organization>(guid) is { } org ? new AuditTarget(guid, kind, org.Name) : null,
        "route" => world.Find<Routes.Route>(guid) is { } route ? new AuditTarget(guid, kind, route.Host) : null,
        "service_instance" => world.Find<ServiceInstance>(guid) is { } instance ? new AuditTarget(guid, kind, instance.Name) : null,
        "service_binding" => world.Find<CredentialBinding>(guid) is { } binding ? new AuditTarget(guid, binding.Type == "key" ? "service_key" : kind, binding.Name ?? string.Empty) : null,
        "service_route_binding" => world.Find<RouteBinding>(guid) is not null ? new AuditTarget(guid, kind, string.Empty) : null,
        _ => null,
    };

    private static string? SpaceOf(World world, string kind, string guid) => kind switch
    {
        "app" => world.Find<App>(guid)?.SpaceGuid,
        "space" => world.Find<Space>(guid)?.Guid,
        "route" => world.Find<Routes.Route>(guid)?.SpaceGuid,
        "service_instance" => world.Find<ServiceInstance>(guid)?.SpaceGuid,
        "service_binding" => world.Find<CredentialBinding>(guid) is { } binding ? world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.SpaceGuid : null,
        "service_route_binding" => world.Find<RouteBinding>(guid) is { } binding ? world.Find<ServiceInstance>(binding.ServiceInstanceGuid)?.SpaceGuid : null,
        _ => null,
    };

    private static string? OrganizationOf(World world, string kind, string guid) =>
        kind == "organization" ? world.Find<Organization>(guid)?.Guid : world.Find<Space>(SpaceOf(world, kind, guid))?.OrganizationGuid;

    private static async Task<JsonObject?> ReadJsonAsync(HttpRequest request)
    {
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        request.Body.Position = 0;
        return ParseObject(buffer.ToArray());
    }

    private static JsonObject? ParseObject(byte[] bytes)
    {
        try
        {
            return bytes.Length == 0 ? null : RequestJson.Parse(bytes) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Redact(JsonObject? request)
    {
        var copy = request?.DeepClone().AsObject() ?? [];
        foreach (var key in copy.Select(pair => pair.Key).Where(SecretFields.Contains).ToList())
        {
            copy.Remove(key);
            copy[AuditedNames.GetValueOrDefault(key, key)] = Hidden;
        }

        return copy;
    }
}
