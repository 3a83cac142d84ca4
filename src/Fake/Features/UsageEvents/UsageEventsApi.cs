using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;

namespace CloudFoundry.Fake.Features.UsageEvents;

/// <summary>
/// App and service usage events (billing feeds): list with <c>after_guid</c>, read, and the admin's destructive
/// purge-and-reseed. Only callers who read everything see events; everyone else gets an empty list.
/// </summary>
public sealed class UsageEventsApi : IFeatureModule
{
    private static readonly ListSpec AppSpec = new() { Filters = ["after_guid"], LabelSelector = false };

    private static readonly ListSpec ServiceSpec = new() { Filters = ["after_guid", "service_instance_types", "service_offering_guids"], LabelSelector = false };

    public void AddServices(IServiceCollection services) => services.AddSingleton<CommitObserver>(UsageRecorder.Record);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/app_usage_events", (CfContext cf) => List<AppUsageEvent, AppUsageEventResponse>(cf, AppSpec, "/v3/app_usage_events", AppUsageEventResponse.From, null));
        routes.MapGet("/v3/app_usage_events/{guid}", (string guid, CfContext cf) => CfResults.Ok(AppUsageEventResponse.From(Visible<AppUsageEvent>(cf.Access(), guid, "App usage event"), cf.Urls)));
        routes.MapPost("/v3/app_usage_events/actions/destructively_purge_all_and_reseed", (CfContext cf) => Reseed(cf, UsageRecorder.ReseedApps));
        routes.MapGet("/v3/service_usage_events", (CfContext cf) => List<ServiceUsageEvent, ServiceUsageEventResponse>(cf, ServiceSpec, "/v3/service_usage_events", ServiceUsageEventResponse.From, (query, events) =>
            query.Where(query.Where(events, "service_instance_types", usage => usage.ServiceInstanceType), "service_offering_guids", usage => usage.ServiceOffering.Guid)));
        routes.MapGet("/v3/service_usage_events/{guid}", (string guid, CfContext cf) => CfResults.Ok(ServiceUsageEventResponse.From(Visible<ServiceUsageEvent>(cf.Access(), guid, "Service usage event"), cf.Urls)));
        routes.MapPost("/v3/service_usage_events/actions/destructively_purge_all_and_reseed", (CfContext cf) => Reseed(cf, UsageRecorder.ReseedServices));
    }

    private static T Visible<T>(Access access, string guid, string name)
        where T : class, ITimestamped =>
        access.Caller.ReadsEverything && access.World.Find<T>(guid) is { } usage ? usage : throw CfErrors.NotFound(name);

    private static IResult List<T, TResponse>(CfContext cf, ListSpec spec, string path, Func<T, CfUrls, TResponse> present, Func<ListQuery, IEnumerable<T>, IEnumerable<T>>? filter)
        where T : class, ITimestamped
        where TResponse : notnull
    {
        var query = ListQuery.Parse(cf.Http.Request, spec);
        var access = cf.Access();
        IEnumerable<T> events = access.Caller.ReadsEverything ? access.World.Of<T>().All : [];
        if (cf.Http.Request.Query["after_guid"].ToString() is { Length: > 0 } after)
        {
            var all = events.ToList();
            var index = all.FindIndex(usage => usage.Guid == after);
            events = index < 0 ? throw CfErrors.BadQuery($"After guid filter must be a valid {typeof(T).Name} guid.") : all.Skip(index + 1);
        }

        events = query.Standard(events);
        events = filter?.Invoke(query, events) ?? events;
        return CfResults.Ok(query.Respond(events, usage => present(usage, cf.Urls), cf.Urls, path));
    }

    private static IResult Reseed(CfContext cf, Action<Transaction> reseed)
    {
        var access = cf.Access();
        access.RequireAdmin();
        cf.Write(reseed);
        return CfResults.Ok(new { });
    }
}
