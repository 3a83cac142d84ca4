using System.Globalization;
using System.Text;
using Bogus;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>Readable, unique names from a seeded Bogus faker: <c>{prefix}-{kind}-{words}-{n}</c>, the same sequence for the same seed.</summary>
internal sealed class ResourceNames(string prefix, int seed)
{
    private readonly Faker faker = new() { Random = new Randomizer(seed) };
    private readonly Lock gate = new();
    private int count;

    public string Next(string kind)
    {
        lock (gate)
        {
            var words = Slug(faker.Hacker.Adjective() + " " + faker.Hacker.Noun());
            return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{kind}-{words}-{++count}");
        }
    }

    public string Password()
    {
        lock (gate)
        {
            return "Pw1-" + faker.Random.AlphaNumeric(20);
        }
    }

    private static string Slug(string words)
    {
        var slug = new StringBuilder(words.Length);
        foreach (var character in words.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                slug.Append(character);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }
}
