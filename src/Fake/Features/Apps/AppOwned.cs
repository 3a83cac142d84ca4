using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Apps;

/// <summary>A resource that belongs to an app (package, build, droplet, task, sidecar, revision, deployment).</summary>
public interface IAppOwned : IResource
{
    string AppGuid { get; }
}

/// <summary>Finds app-owned resources the way the Cloud Controller guards them: through the app's space.</summary>
public static class AppOwned
{
    /// <summary>The resource when the caller can read its app's space; otherwise 404 "<paramref name="name"/> not found".</summary>
    public static T Visible<T>(Access access, string guid, string name)
        where T : class, IAppOwned =>
        Find<T>(access, guid, name, access.CanReadSpace);

    /// <summary>The resource when the caller can manage apps in its app's space; otherwise 404, as the real controllers answer.</summary>
    public static T Manageable<T>(Access access, string guid, string name)
        where T : class, IAppOwned =>
        Find<T>(access, guid, name, access.CanManageAppsInSpace);

    /// <summary>The space of the resource's app.</summary>
    public static string SpaceOf(World world, IAppOwned resource) => world.Find<App>(resource.AppGuid)?.SpaceGuid ?? string.Empty;

    private static T Find<T>(Access access, string guid, string name, Func<string, bool> allowed)
        where T : class, IAppOwned =>
        access.World.Find<T>(guid) is { } resource && access.World.Find<App>(resource.AppGuid) is { } app && allowed(app.SpaceGuid)
            ? resource
            : throw CfErrors.NotFound(name);
}
