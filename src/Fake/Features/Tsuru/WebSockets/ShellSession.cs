using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>
/// <c>GET /apps/{app}/shell</c> once upgraded. As the server does, it upgrades first and reports every refusal inside
/// the socket (<c>Error: ...</c>, then a normal closure): no token, app not found, no permission, unit not found, or no
/// deployed version for an isolated shell. The shell runs in the <c>unit</c> asked for, else the app's first unit, else
/// (or with <c>isolated=true</c>) in a new isolated unit of the latest version. Once the caller may use the app, an
/// <c>app.run.shell</c> event is recorded (with the error when the unit cannot be reached).
/// </summary>
public static class ShellSession
{
    private const string NoToken = "no token provided or session expired, please login again";

    public static async Task RunAsync(HttpContext context, string appName, TextSocket socket)
    {
        string? failure;
        UnitShell? shell;
        try
        {
            shell = Open(context, appName);
            failure = null;
        }
        catch (TsuruException refused)
        {
            (shell, failure) = (null, refused.Status == StatusCodes.Status401Unauthorized ? NoToken : refused.Message);
        }

        if (shell is null)
        {
            await socket.SendAsync($"Error: {failure}\n");
            await socket.CloseAsync();
            return;
        }

        await socket.SendAsync(UnitShell.Prompt);
        while (!shell.Exited && await socket.ReceiveAsync() is { } keys)
        {
            if (shell.Type(keys) is { Length: > 0 } output)
            {
                await socket.SendAsync(output);
            }
        }

        await socket.CloseAsync();
    }

    private static UnitShell Open(HttpContext context, string appName)
    {
        var user = TsuruAuth.OptionalUser(context) ?? throw TsuruException.Unauthorized();
        var app = TsuruAppLookup.Visible(context, appName);
        var world = TsuruAuth.World(context);
        var (hostname, failure) = Unit(context.Request.Query, app, TsuruAppVersionsApi.LatestSuccessful(world, appName) is not null);
        context.Foundation().Write(transaction =>
        {
            var opened = TsuruEvents.Record(transaction, "app.run.shell", "app", appName, user);
            if (failure is not null)
            {
                transaction.Put(opened with { Error = failure });
            }
        });
        if (hostname is null)
        {
            throw TsuruException.BadRequest(failure!);
        }

        return new UnitShell(hostname, TsuruAppsApi.Environment(world, app));
    }

    /// <summary>The unit the shell runs in (its hostname), or why there is none.</summary>
    private static (string? Hostname, string? Failure) Unit(IQueryCollection query, TsuruApp app, bool deployed)
    {
        var isolated = bool.TryParse(query["isolated"], out var flag) && flag;
        var unit = query["unit"].ToString();
        if (!isolated && unit.Length > 0)
        {
            return app.Units.Any(candidate => candidate.Id == unit) ? (unit, null) : (null, $"unit \"{unit}\" not found");
        }

        if (!isolated && app.Units.Count > 0)
        {
            return (app.Units[0].Id, null);
        }

        return deployed ? ($"{app.Name}-isolated-run", null) : (null, TsuruAppVersionsApi.NoVersions);
    }
}
