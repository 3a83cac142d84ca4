namespace CloudFoundry.Fake.Features.Jobs;

/// <summary>Brings a job up to date before it is read, for jobs that wait on something outside the fake (a service broker).</summary>
public interface IJobRefresher
{
    Task RefreshJobAsync(Platform.CloudFoundry.CfContext cf, string jobGuid);
}
