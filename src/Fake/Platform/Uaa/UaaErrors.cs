namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>UAA's own error JSON: <c>{"error": "...", "error_description": "..."}</c>.</summary>
public static class UaaErrors
{
    public static IResult Unauthorized(string description = "Bad credentials") =>
        Error(StatusCodes.Status401Unauthorized, "unauthorized", description);

    public static IResult InvalidToken(string description) => Error(StatusCodes.Status401Unauthorized, "invalid_token", description);

    public static IResult InvalidRequest(string description) => Error(StatusCodes.Status400BadRequest, "invalid_request", description);

    public static IResult Forbidden() => Error(StatusCodes.Status403Forbidden, "insufficient_scope", "Insufficient scope for this resource");

    public static IResult NotFound(string description) => Error(StatusCodes.Status404NotFound, "scim_resource_not_found", description);

    public static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
