using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Removes what the app families keep per app (routers, certificates, autoscale, versions, volume binds) when an app is deleted.</summary>
public static class TsuruAppCleanup
{
    public static void Forget(Transaction transaction, string app)
    {
        TsuruServiceEnvs.Forget(transaction, app);
        transaction.Remove<TsuruAppRouters>(app);
        transaction.Remove<TsuruAppCertificates>(app);
        transaction.Remove<TsuruAutoScale>(app);
        transaction.RemoveWhere<TsuruAppVersion>(version => version.App == app);
        foreach (var volume in transaction.Of<TsuruVolume>().All.Where(volume => volume.Binds.Any(bind => bind.App == app)).ToList())
        {
            transaction.Put(volume with { Binds = volume.Binds.RemoveAll(bind => bind.App == app) });
        }
    }
}
