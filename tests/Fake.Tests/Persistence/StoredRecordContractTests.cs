using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Persistence;

namespace CloudFoundry.Fake.Tests.Persistence;

/// <summary>Every record a world can hold survives the state file: each field is written and can be read back.</summary>
public sealed class StoredRecordContractTests
{
    private static readonly Type[] Settings = [typeof(Engine.Transitions.TransitionSettings), typeof(Features.UsageEvents.UsageEventCounter)];

    public static TheoryData<string> StoredTypes() =>
        [.. typeof(World).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IResource).IsAssignableFrom(type))
            .Concat(Settings)
            .Select(type => type.FullName!)];

    [Theory]
    [MemberData(nameof(StoredTypes))]
    public void Every_stored_field_is_written_and_read_back(string typeName)
    {
        var problems = new List<string>();
        Check(typeof(World).Assembly.GetType(typeName)!, problems, []);

        Assert.Empty(problems);
    }

    private static void Check(Type type, List<string> problems, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(object) || type.Namespace == "System" || type.Namespace == "System.Text.Json" || type.Namespace == "System.Text.Json.Nodes")
        {
            return;
        }

        var info = WorldDocument.Json.GetTypeInfo(type);
        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.None)
        {
            if (type.IsInterface && !type.IsGenericType)
            {
                problems.Add($"{type}: a collection interface without an element type");
            }

            foreach (var argument in type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments())
            {
                Check(argument, problems, seen);
            }

            return;
        }

        if (type.IsInterface || type.IsAbstract)
        {
            problems.Add($"{type}: an interface or abstract type cannot be read back");
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.Set is null && property.AssociatedParameter is null && HoldsData(type, ClrName(property)))
            {
                problems.Add($"{type.Name}.{ClrName(property)}: written but never read back");
            }

            Check(property.PropertyType, problems, seen);
        }

        var written = info.Properties.Select(ClrName).ToHashSet(StringComparer.Ordinal);
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var name = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;
            if (!written.Contains(name) && name != "EqualityContract")
            {
                problems.Add($"{type.Name}.{name}: a field that is not written");
            }
        }
    }

    private static string ClrName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;

    private static bool HoldsData(Type type, string name) =>
        type.GetField($"<{name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null;
}
