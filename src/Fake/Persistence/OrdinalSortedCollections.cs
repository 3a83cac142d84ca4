using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudFoundry.Fake.Persistence;

/// <summary>
/// Reads string-keyed sorted dictionaries and sorted sets back with the ordinal comparer the fake sorts names with;
/// System.Text.Json would otherwise rebuild them with the culture-sensitive default comparer.
/// </summary>
public sealed class OrdinalSortedCollections : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && ((typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>) && typeToConvert.GetGenericArguments()[0] == typeof(string))
            || typeToConvert == typeof(ImmutableSortedSet<string>));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(ImmutableSortedSet<string>)
            ? new SetConverter()
            : (JsonConverter)Activator.CreateInstance(typeof(DictionaryConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[1]))!;

    private sealed class SetConverter : JsonConverter<ImmutableSortedSet<string>>
    {
        public override ImmutableSortedSet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? []).ToImmutableSortedSet(StringComparer.Ordinal);

        public override void Write(Utf8JsonWriter writer, ImmutableSortedSet<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<string>>(writer, value, options);
    }

    private sealed class DictionaryConverter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options) ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IReadOnlyDictionary<string, TValue>>(writer, value, options);
    }
}
