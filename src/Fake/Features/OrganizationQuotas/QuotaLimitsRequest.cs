using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.OrganizationQuotas;

/// <summary>
/// Reads the <c>apps</c>, <c>services</c>, <c>routes</c> (and for organization quotas <c>domains</c>) groups of a
/// quota body onto existing limits: keys that are sent change (null = unlimited), others stay.
/// </summary>
public static class QuotaLimitsRequest
{
    private const long MaxDatabaseInteger = int.MaxValue;

    public static QuotaLimits Read(RequestBody body, QuotaLimits current, bool withDomains)
    {
        var limits = current;
        if (body.Object("apps") is { } apps)
        {
            apps.AllowOnly("total_memory_in_mb", "per_process_memory_in_mb", "total_instances", "per_app_tasks", "log_rate_limit_in_bytes_per_second");
            limits = limits with
            {
                TotalMemoryInMb = Limit(apps, "total_memory_in_mb", limits.TotalMemoryInMb),
                PerProcessMemoryInMb = Limit(apps, "per_process_memory_in_mb", limits.PerProcessMemoryInMb),
                TotalInstances = Limit(apps, "total_instances", limits.TotalInstances),
                PerAppTasks = Limit(apps, "per_app_tasks", limits.PerAppTasks),
                LogRateLimitInBytesPerSecond = Limit(apps, "log_rate_limit_in_bytes_per_second", limits.LogRateLimitInBytesPerSecond, min: -1),
            };
        }

        if (body.Object("services") is { } services)
        {
            services.AllowOnly("paid_services_allowed", "total_service_instances", "total_service_keys");
            limits = limits with
            {
                PaidServicesAllowed = services.Boolean("paid_services_allowed") ?? limits.PaidServicesAllowed,
                TotalServiceInstances = Limit(services, "total_service_instances", limits.TotalServiceInstances),
                TotalServiceKeys = Limit(services, "total_service_keys", limits.TotalServiceKeys),
            };
        }

        if (body.Object("routes") is { } routes)
        {
            routes.AllowOnly("total_routes", "total_reserved_ports");
            limits = limits with
            {
                TotalRoutes = Limit(routes, "total_routes", limits.TotalRoutes),
                TotalReservedPorts = Limit(routes, "total_reserved_ports", limits.TotalReservedPorts),
            };
        }

        if (withDomains && body.Object("domains") is { } domains)
        {
            domains.AllowOnly("total_domains");
            limits = limits with { TotalDomains = Limit(domains, "total_domains", limits.TotalDomains) };
        }

        return limits;
    }

    private static long? Limit(RequestBody group, string key, long? current, long min = 0) =>
        !group.Has(key) ? current : group.IsNull(key) ? null : group.Integer(key, min, MaxDatabaseInteger) ?? current;
}
