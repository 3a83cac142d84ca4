using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;

namespace CloudFoundry.Fake.Features.Jobs;

public sealed class JobsApi : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddSingleton<JobQueue>();

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<JobQueue>();
        routes.MapGet("/v3/jobs/{guid}", Get);
    }

    private static async Task<IResult> Get(string guid, CfContext cf, Lifecycles lifecycles, JobQueue jobs, IEnumerable<IJobRefresher> refreshers)
    {
        _ = cf.Caller;
        foreach (var refresher in refreshers)
        {
            await refresher.RefreshJobAsync(cf, guid);
        }

        lifecycles.PollIfPending(cf.Foundation, JobQueue.Lifecycle, guid);

        var job = cf.World.Find<Job>(guid) ?? throw CfErrors.NotFound("Job");
        return CfResults.Ok(JobResponse.From(job, cf.Urls, jobs.ResourceExists(cf.World, job)));
    }
}

public sealed record JobResponse(
    string Guid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Operation,
    string State,
    IReadOnlyList<CfError> Errors,
    IReadOnlyList<JobWarning> Warnings,
    IReadOnlyDictionary<string, Link> Links)
{
    public static JobResponse From(Job job, CfUrls urls, bool resourceExists)
    {
        var links = new Dictionary<string, Link> { ["self"] = urls.Link("/v3/jobs/" + job.Guid) };
        if (resourceExists && job.ResourceType is not null)
        {
            links[job.ResourceType] = urls.Link($"/v3/{job.ResourceType}s/{job.ResourceGuid}");
        }

        return new JobResponse(job.Guid, job.CreatedAt, job.UpdatedAt, job.Operation, job.State,
            job.State == JobStates.Complete ? [] : job.Errors,
            [.. job.Warnings.Select(warning => new JobWarning(warning))], links);
    }
}

public sealed record JobWarning(string Detail);
