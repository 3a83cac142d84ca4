using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.Hosting;

namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>UAA's SCIM <c>/Users</c> endpoints, which <c>cf create-user</c> and <c>cf delete-user</c> call.</summary>
public static partial class ScimUsers
{
    private static readonly string[] Schemas = ["urn:scim:schemas:core:1.0"];

    public static void Map(RouteGroupBuilder uaa)
    {
        uaa.MapPost("/Users", Create);
        uaa.MapGet("/Users", List);
        uaa.MapGet("/Users/{id}", Get);
        uaa.MapDelete("/Users/{id}", Delete);
    }

    private static async Task<IResult> Create(HttpContext context, TokenService tokens)
    {
        if (await Authorize(context, tokens, "scim.write") is { } denied)
        {
            return denied;
        }

        JsonObject? body;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            body = RequestJson.Parse(await reader.ReadToEndAsync(context.RequestAborted)) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var userName = body?["userName"]?.GetValueKind() == JsonValueKind.String ? body["userName"]!.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(userName))
        {
            return UaaErrors.Error(StatusCodes.Status400BadRequest, "invalid_scim_resource", "A username must be provided.");
        }

        var requestedOrigin = body!["origin"]?.GetValueKind() == JsonValueKind.String ? body["origin"]!.GetValue<string>() : null;
        var origin = string.IsNullOrEmpty(requestedOrigin) ? "uaa" : requestedOrigin;
        var password = body["password"]?.GetValueKind() == JsonValueKind.String ? body["password"]!.GetValue<string>() : string.Empty;
        var email = body["emails"]?[0]?["value"]?.GetValue<string>() ?? userName;
        var foundation = context.Foundation();
        var (user, existing) = foundation.Write(transaction =>
        {
            if (UaaUser.FindByName(transaction.World, userName, origin) is { } found)
            {
                return (found, true);
            }

            return (transaction.Put(new UaaUser(transaction.NewGuid(), userName, password, origin, email, UaaUser.DefaultScopes, transaction.Now)), false);
        });
        if (existing)
        {
            return Results.Json(
                new Dictionary<string, object>
                {
                    ["error_description"] = $"Username already in use: {userName}",
                    ["message"] = $"Username already in use: {userName}",
                    ["error"] = "scim_resource_already_exists",
                    ["status"] = 409,
                    ["user_id"] = user.Guid,
                    ["verified"] = true,
                    ["active"] = true,
                },
                statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Json(Present(user), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(HttpContext context, TokenService tokens, string? filter)
    {
        if (await Authorize(context, tokens, "scim.read") is { } denied)
        {
            return denied;
        }

        var users = context.Foundation().World.Of<UaaUser>().All;
        foreach (Match condition in FilterCondition().Matches(filter ?? string.Empty))
        {
            var attribute = condition.Groups["attribute"].Value.ToLowerInvariant();
            var value = condition.Groups["value"].Value;
            users = users.Where(user => attribute switch
            {
                "username" => string.Equals(user.UserName, value, StringComparison.OrdinalIgnoreCase),
                "origin" => user.Origin == value,
                "id" => user.Guid == value,
                _ => false,
            }).ToList();
        }

        var resources = users.Select(Present).ToList();
        return Results.Json(new Dictionary<string, object>
        {
            ["resources"] = resources,
            ["startIndex"] = 1,
            ["itemsPerPage"] = Math.Max(resources.Count, 100),
            ["totalResults"] = resources.Count,
            ["schemas"] = Schemas,
        });
    }

    private static async Task<IResult> Get(string id, HttpContext context, TokenService tokens)
    {
        if (await Authorize(context, tokens, "scim.read") is { } denied)
        {
            return denied;
        }

        var user = context.Foundation().World.Find<UaaUser>(id);
        return user is null ? UaaErrors.NotFound($"User {id} does not exist") : Results.Json(Present(user));
    }

    private static async Task<IResult> Delete(string id, HttpContext context, TokenService tokens)
    {
        if (await Authorize(context, tokens, "scim.write") is { } denied)
        {
            return denied;
        }

        var deleted = context.Foundation().Write(transaction =>
        {
            var user = transaction.Find<UaaUser>(id);
            if (user is not null)
            {
                transaction.Remove<UaaUser>(id);
            }

            return user;
        });
        return deleted is null ? UaaErrors.NotFound($"User {id} does not exist") : Results.Json(Present(deleted));
    }

    private static async Task<IResult?> Authorize(HttpContext context, TokenService tokens, string scope)
    {
        var caller = await UaaCaller.ReadAsync(context, tokens);
        if (caller is null)
        {
            return UaaErrors.Unauthorized("Full authentication is required to access this resource");
        }

        return caller.Scopes.Contains(scope) || caller.Scopes.Contains("uaa.admin") ? null : UaaErrors.Forbidden();
    }

    private static Dictionary<string, object?> Present(UaaUser user) => new()
    {
        ["id"] = user.Guid,
        ["externalId"] = string.Empty,
        ["meta"] = new { version = 0, created = CfJson.Timestamp(user.CreatedAt), lastModified = CfJson.Timestamp(user.CreatedAt) },
        ["userName"] = user.UserName,
        ["name"] = new { familyName = user.UserName, givenName = user.UserName },
        ["emails"] = new[] { new { value = user.Email, primary = false } },
        ["groups"] = user.Scopes.Select(scope => new { value = scope, display = scope, type = "DIRECT" }).ToArray(),
        ["approvals"] = Array.Empty<object>(),
        ["active"] = true,
        ["verified"] = true,
        ["origin"] = user.Origin,
        ["zoneId"] = "uaa",
        ["passwordLastModified"] = CfJson.Timestamp(user.CreatedAt),
        ["schemas"] = Schemas,
    };

    [GeneratedRegex("(?<attribute>\\w+)\\s+eq\\s+\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FilterCondition();
}
