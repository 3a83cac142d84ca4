namespace CloudFoundry.Fake.Platform.Tsuru;

/// <summary>A Tsuru API error: rendered as plain text (message and newline) with its status, as the Go server does.</summary>
public sealed class TsuruException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static TsuruException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static TsuruException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static TsuruException Forbidden() => new(StatusCodes.Status403Forbidden, "You don't have permission to do this action");

    public static TsuruException Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static TsuruException Unauthorized() => new(StatusCodes.Status401Unauthorized, "You must provide a valid Authorization header");
}
