using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// What binding a service instance gives an app: the variables the fake service API hands out for the instance
/// (<c>&lt;SERVICE&gt;_HOST</c>, <c>&lt;SERVICE&gt;_INSTANCE_NAME</c>), the <c>TSURU_SERVICES</c> JSON that groups them by
/// service and instance, and the app's <c>serviceInstanceBinds</c>.
/// </summary>
public static partial class TsuruServiceEnvs
{
    public const string ServicesVariable = "TSURU_SERVICES";

    /// <summary>The variables binding this instance adds to an app, by name.</summary>
    public static ImmutableSortedDictionary<string, string> Of(TsuruServiceInstance instance)
    {
        var prefix = NotVariableCharacters().Replace(instance.Service.ToUpperInvariant(), "_");
        return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [$"{prefix}_HOST"] = $"{instance.Name}.{instance.Service}.services.tsuru.example.org",
            [$"{prefix}_INSTANCE_NAME"] = instance.Name,
        });
    }

    public static IEnumerable<TsuruServiceInstance> BoundTo(World world, string app) =>
        world.Of<TsuruServiceInstance>().All.Where(instance => instance.Apps.Contains(app));

    /// <summary>Every variable the app's bound instances give it (a later instance wins a name, as the server's merge does).</summary>
    public static IReadOnlyDictionary<string, string> AppVariables(World world, string app)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in BoundTo(world, app).SelectMany(Of))
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>The value of <c>TSURU_SERVICES</c>: <c>{"service":[{"instance_name":..,"envs":{..}}]}</c>, <c>{}</c> when nothing is bound.</summary>
    public static string ServicesJson(World world, string app)
    {
        var grouped = new SortedDictionary<string, List<object>>(StringComparer.Ordinal);
        foreach (var instance in BoundTo(world, app))
        {
            if (!grouped.TryGetValue(instance.Service, out var list))
            {
                list = [];
                grouped[instance.Service] = list;
            }

            list.Add(new { instance_name = instance.Name, envs = Of(instance) });
        }

        return JsonSerializer.Serialize(grouped);
    }

    /// <summary>The app's binds as app info shows them (<c>service</c>, <c>instance</c>, <c>plan</c>).</summary>
    public static IReadOnlyList<object> Binds(World world, string app) =>
        [.. BoundTo(world, app).Select(instance => new { service = instance.Service, instance = instance.Name, plan = instance.Plan })];

    /// <summary>Drops a removed app from every instance it was bound to.</summary>
    public static void Forget(Transaction transaction, string app)
    {
        foreach (var instance in BoundTo(transaction.World, app).ToList())
        {
            transaction.Put(instance with { Apps = instance.Apps.Remove(app) });
        }
    }

    [GeneratedRegex("[^A-Z0-9]")]
    private static partial Regex NotVariableCharacters();
}
