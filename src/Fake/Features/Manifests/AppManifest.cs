using System.Globalization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CloudFoundry.Fake.Features.Manifests;

/// <summary>One application of a manifest, with the attributes the fake applies.</summary>
public sealed record AppManifest(
    string Name,
    int? Instances,
    int? MemoryInMb,
    int? DiskInMb,
    string? Command,
    IReadOnlyList<string>? Buildpacks,
    string? Stack,
    string? DockerImage,
    IReadOnlyDictionary<string, string>? Env,
    IReadOnlyList<string>? Routes,
    bool NoRoute,
    bool DefaultRoute,
    string? HealthCheckType)
{
    /// <summary>Reads the <see cref="Applications"/> entries of a manifest; bad content is Cloud Controller's 422.</summary>
    public static IReadOnlyList<AppManifest> Parse(IReadOnlyList<object?> applications) =>
        [.. applications.Select((entry, index) => ParseApp(entry as Dictionary<object, object?>, index))];

    /// <summary>The raw <c>applications</c> entries of a manifest body; YAML errors are Cloud Controller's 400 parse error.</summary>
    public static List<object?> Applications(string yaml)
    {
        Dictionary<object, object?>? document;
        try
        {
            document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(yaml);
        }
        catch (YamlException)
        {
            throw CfErrors.MessageParse();
        }

        return document?.GetValueOrDefault("applications") is List<object?> { Count: > 0 } applications
            ? applications
            : throw CfErrors.Unprocessable("Applications must be a list of applications");
    }

    /// <summary>One application of a manifest as its audit event records it: YAML with the environment hidden.</summary>
    public static string AuditedYaml(object? application)
    {
        var audited = application is Dictionary<object, object?> map ? new Dictionary<object, object?>(map) : [];
        if (audited.ContainsKey("env"))
        {
            audited["env"] = AuditEvents.AuditRecording.Hidden;
        }

        return "---\n" + new SerializerBuilder().Build().Serialize(new Dictionary<string, object> { ["applications"] = new[] { audited } });
    }

    private static AppManifest ParseApp(Dictionary<object, object?>? app, int index)
    {
        if (app is null || app.GetValueOrDefault("name")?.ToString() is not { Length: > 0 } name)
        {
            throw CfErrors.Unprocessable($"For application at index {index}: Name must not be empty");
        }

        string? Text(string key) => app.GetValueOrDefault(key)?.ToString();
        var buildpacks = app.GetValueOrDefault("buildpacks") is List<object?> list
            ? list.Select(item => item?.ToString() ?? string.Empty).ToList()
            : Text("buildpack") is { } single ? [single] : null;
        var env = app.GetValueOrDefault("env") is Dictionary<object, object?> map
            ? map.ToDictionary(pair => pair.Key.ToString()!, pair => pair.Value?.ToString() ?? string.Empty)
            : null;
        var routes = app.GetValueOrDefault("routes") is List<object?> routeList
            ? routeList.OfType<Dictionary<object, object?>>().Select(route => route.GetValueOrDefault("route")?.ToString()).OfType<string>().ToList()
            : null;
        return new AppManifest(
            name,
            Text("instances") is { } instances ? int.Parse(instances, CultureInfo.InvariantCulture) : null,
            Megabytes(Text("memory"), name),
            Megabytes(Text("disk_quota") ?? Text("disk-quota"), name),
            Text("command"),
            buildpacks,
            Text("stack"),
            (app.GetValueOrDefault("docker") as Dictionary<object, object?>)?.GetValueOrDefault("image")?.ToString(),
            env,
            routes,
            Flag(Text("no-route")),
            Flag(Text("default-route")),
            Text("health-check-type"));
    }

    private static bool Flag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Cloud Foundry byte quantities: 256M, 1G, 512MB, 1024 (megabytes).</summary>
    public static int? Megabytes(string? quantity, string appName)
    {
        if (string.IsNullOrWhiteSpace(quantity))
        {
            return null;
        }

        var text = quantity.Trim().ToUpperInvariant().TrimEnd('B');
        var multiplier = text.EndsWith('G') ? 1024 : 1;
        var digits = text.TrimEnd('G', 'M');
        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value * multiplier
            : throw CfErrors.Unprocessable($"For application '{appName}': Process \"web\": Memory must be greater than 0MB");
    }
}
