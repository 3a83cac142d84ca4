using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudFoundry.Fake.Persistence;

/// <summary>
/// Writes string-keyed sorted dictionaries and sorted sets with the comparer they sort by, as
/// <c>{"comparer": "ordinal" | "default", "items": ...}</c>, and reads them back sorted the same way; System.Text.Json
/// alone would rebuild every one of them with the culture-sensitive default comparer.
/// </summary>
public sealed class SortedStringCollections : JsonConverterFactory
{
    private const string Ordinal = "ordinal";
    private const string Default = "default";

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(ImmutableSortedSet<string>)
        || (typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>) && typeToConvert.GetGenericArguments()[0] == typeof(string));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(ImmutableSortedSet<string>)
            ? new SetConverter()
            : (JsonConverter)Activator.CreateInstance(typeof(DictionaryConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[1]))!;

    private static string NameOf(IComparer<string> comparer) =>
        ReferenceEquals(comparer, StringComparer.Ordinal) ? Ordinal
        : ReferenceEquals(comparer, Comparer<string>.Default) ? Default
        : throw new NotSupportedException($"A sorted collection compares with {comparer.GetType().Name}, which the state file cannot name.");

    private static IComparer<string> Named(string? name) => name switch
    {
        Ordinal => StringComparer.Ordinal,
        Default => Comparer<string>.Default,
        _ => throw new JsonException($"a sorted collection names the unknown comparer '{name}'."),
    };

    private static void Write<TItems>(Utf8JsonWriter writer, IComparer<string> comparer, TItems items, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("comparer", NameOf(comparer));
        writer.WritePropertyName("items");
        JsonSerializer.Serialize(writer, items, options);
        writer.WriteEndObject();
    }

    private static (IComparer<string> Comparer, TItems Items) Read<TItems>(ref Utf8JsonReader reader, JsonSerializerOptions options)
        where TItems : new()
    {
        var wrapper = JsonSerializer.Deserialize<Wrapper<TItems>>(ref reader, options) ?? throw new JsonException("a sorted collection is null.");
        return (Named(wrapper.Comparer), wrapper.Items ?? new TItems());
    }

    private sealed record Wrapper<TItems>(
        [property: JsonPropertyName("comparer")] string? Comparer,
        [property: JsonPropertyName("items")] TItems? Items);

    private sealed class SetConverter : JsonConverter<ImmutableSortedSet<string>>
    {
        public override ImmutableSortedSet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (comparer, items) = Read<List<string>>(ref reader, options);
            return items.ToImmutableSortedSet(comparer);
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedSet<string> value, JsonSerializerOptions options) =>
            Write<IEnumerable<string>>(writer, value.KeyComparer, value, options);
    }

    private sealed class DictionaryConverter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (comparer, items) = Read<Dictionary<string, TValue>>(ref reader, options);
            return items.ToImmutableSortedDictionary(comparer);
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options) =>
            Write<IReadOnlyDictionary<string, TValue>>(writer, value.KeyComparer, value, options);
    }
}
