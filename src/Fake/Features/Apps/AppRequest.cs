using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.Apps;

/// <summary>Reads the parts of app bodies that create and update share: lifecycle and environment variables.</summary>
public static class AppRequest
{
    private static readonly string[] LifecycleTypes = ["buildpack", "docker", "cnb"];

    public static AppLifecycle? ReadLifecycle(RequestBody body, string? defaultStack)
    {
        if (body.Object("lifecycle") is not { } lifecycle)
        {
            return null;
        }

        lifecycle.AllowOnly("type", "data");
        var type = lifecycle.String("type", required: true);
        if (type is not null && !LifecycleTypes.Contains(type))
        {
            body.AddError("lifecycle_type", $"is not included in the list: {string.Join(", ", LifecycleTypes)}");
            return null;
        }

        var data = lifecycle.Object("data", required: true);
        if (type == "docker")
        {
            return new AppLifecycle("docker", [], null);
        }

        var buildpacks = data?.StringArray("buildpacks") ?? [];
        var stack = data?.String("stack") ?? defaultStack;
        if (type == "cnb" && buildpacks.Count == 0)
        {
            body.AddError("lifecycle", "Buildpacks can only contain docker:// or http(s):// URLs and must not be empty");
        }

        return new AppLifecycle(type ?? "buildpack", [.. buildpacks], stack);
    }

    /// <summary>Environment variables with Cloud Controller's rules (no VCAP_/VMC_ prefixes, no PORT); null values delete on update.</summary>
    public static Dictionary<string, string?>? ReadEnvironment(RequestBody body, string key)
    {
        if (!body.Json.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject map)
        {
            body.AddError(key, "must be an object");
            return null;
        }

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            if (name.Length == 0)
            {
                body.AddError(key, "key must be a minimum length of 1");
            }
            else if (name.StartsWith("VCAP_", StringComparison.OrdinalIgnoreCase))
            {
                body.AddError(key, "cannot start with VCAP_");
            }
            else if (name.StartsWith("VMC_", StringComparison.OrdinalIgnoreCase))
            {
                body.AddError(key, "cannot start with VMC_");
            }
            else if (name.Equals("PORT", StringComparison.OrdinalIgnoreCase))
            {
                body.AddError(key, "cannot set PORT");
            }

            result[name] = value is null ? null : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        }

        return result;
    }

    public static ImmutableSortedDictionary<string, string> Apply(ImmutableSortedDictionary<string, string> current, Dictionary<string, string?>? changes)
    {
        if (changes is null)
        {
            return current;
        }

        var builder = current.ToBuilder();
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                builder.Remove(name);
            }
            else
            {
                builder[name] = value;
            }
        }

        return builder.ToImmutable();
    }
}
