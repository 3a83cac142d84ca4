using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Persistence;

/// <summary>
/// The JSON form of a saved foundation: seed, GUID sequence and clock, every table as its row type's name with the rows
/// in table order, and every setting under its type's name. Types are looked up in the fake's assembly when read back.
/// </summary>
public static class WorldDocument
{
    public const string Format = "cloudfoundry-fake-state/1";

    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new SortedStringCollections(), new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static void Write(Stream stream, SavedFoundation saved)
    {
        using var writer = new Utf8JsonWriter(stream);
        var world = saved.World;
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("seed", world.Seed);
        writer.WriteNumber("guidSequence", world.GuidSequence);
        writer.WriteString("clock", saved.Clock);
        writer.WriteBoolean("realTimeClock", saved.RealTimeClock);
        var entries = world.Tables.OrderBy(pair => pair.Key.FullName, StringComparer.Ordinal).ToList();
        writer.WriteStartObject("tables");
        foreach (var (type, value) in entries)
        {
            if (value is ITable table)
            {
                writer.WriteStartArray(NameOf(type));
                foreach (var row in table.Rows)
                {
                    JsonSerializer.Serialize(writer, row, type, Json);
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
        writer.WriteStartObject("settings");
        foreach (var (type, value) in entries.Where(pair => pair.Value is not ITable))
        {
            writer.WritePropertyName(NameOf(type));
            JsonSerializer.Serialize(writer, value, type, Json);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <exception cref="JsonException">The document is not a saved foundation, or names a type this build does not know.</exception>
    public static SavedFoundation Read(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            throw new JsonException($"it is not a saved foundation (expected \"format\": \"{Format}\").");
        }

        var tables = ImmutableDictionary.CreateBuilder<Type, object>();
        foreach (var property in Required(document, "tables", JsonValueKind.Object).EnumerateObject())
        {
            var type = TypeNamed(property.Name, typeof(IResource));
            var empty = (ITable)typeof(Table<>).MakeGenericType(type).GetField(nameof(Table<>.Empty))!.GetValue(null)!;
            var rows = property.Value.EnumerateArray().Select(row => (IResource)(row.Deserialize(type, Json) ?? throw new JsonException($"a row of {property.Name} is null.")));
            tables[type] = empty.PutAll(rows);
        }

        foreach (var property in Required(document, "settings", JsonValueKind.Object).EnumerateObject())
        {
            var type = TypeNamed(property.Name, typeof(object));
            tables[type] = property.Value.Deserialize(type, Json) ?? throw new JsonException($"the setting {property.Name} is null.");
        }

        var world = new World(
            Required(document, "seed", JsonValueKind.String).GetString()!,
            Required(document, "guidSequence", JsonValueKind.Number).GetInt64(),
            tables.ToImmutable());
        return new SavedFoundation(world, Required(document, "clock", JsonValueKind.String).GetDateTimeOffset(), document.TryGetProperty("realTimeClock", out var realTime) && realTime.ValueKind == JsonValueKind.True);
    }

    private static string NameOf(Type type) => type.FullName!;

    private static Type TypeNamed(string name, Type expected) =>
        typeof(World).Assembly.GetType(name) is { IsClass: true } type && expected.IsAssignableFrom(type) && !type.IsGenericTypeDefinition
            ? type
            : throw new JsonException($"it holds '{name}', which is not a {(expected == typeof(IResource) ? "resource" : "setting")} type of this version of the fake.");

    private static JsonElement Required(JsonElement document, string name, JsonValueKind kind) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new JsonException($"its \"{name}\" is missing or not a JSON {kind.ToString().ToLowerInvariant()}.");
}
