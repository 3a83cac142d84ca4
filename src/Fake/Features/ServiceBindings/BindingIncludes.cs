using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Apps;
using CloudFoundry.Fake.Features.Routes;
using CloudFoundry.Fake.Features.ServiceInstances;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using Route = CloudFoundry.Fake.Features.Routes.Route;

namespace CloudFoundry.Fake.Features.ServiceBindings;

/// <summary>The <c>include</c> resources of binding answers: apps, service instances and routes.</summary>
public static class BindingIncludes
{
    public static Dictionary<string, IReadOnlyList<object>>? For(
        ListQuery query, World world, IEnumerable<string?> apps, IEnumerable<string> instances, IEnumerable<string> routes, CfUrls urls)
    {
        if (query.Includes.Count == 0)
        {
            return null;
        }

        var included = new Dictionary<string, IReadOnlyList<object>>();
        if (query.IsIncluded("app"))
        {
            included["apps"] = [.. apps.Distinct().Select(world.Find<App>).OfType<App>().Select(app => (object)AppResponse.From(app, urls))];
        }

        if (query.IsIncluded("service_instance"))
        {
            included["service_instances"] = [.. instances.Distinct().Select(world.Find<ServiceInstance>).OfType<ServiceInstance>().Select(instance => (object)ServiceInstanceResponse.From(instance, urls))];
        }

        if (query.IsIncluded("route"))
        {
            included["routes"] = [.. routes.Distinct().Select(world.Find<Route>).OfType<Route>().Select(route => (object)RoutesApi.Present(route, world, urls))];
        }

        return included;
    }
}
