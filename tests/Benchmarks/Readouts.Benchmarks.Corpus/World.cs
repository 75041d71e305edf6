using System.Globalization;
using System.Text;

namespace Readouts.Benchmarks.Corpus;

internal sealed record Country(string Code, string Name, string Language);

/// <summary>A leader as the corpus knows them; <see cref="Slug"/> is the API's, filled in by setup.</summary>
internal sealed record LeaderSpec(string Name, string Country, string[] Aliases)
{
    public string Slug { get; set; } = "";
}

internal sealed record SourceSpec(string Slug, string Name, string Country, string Url, string Language);

/// <summary>
/// The fixed cast of the corpus: countries, ~200 leaders, 60 sources and ~300 topics, with the
/// skew that makes a few leaders and topics dominate the calls.
/// </summary>
internal sealed class World
{
    public const int LeaderCount = 200;
    public const int SourceCount = 60;

    // The registry's most talked-about leaders; the rest follow in a seeded shuffle.
    private static readonly string[] HotLeaders =
    [
        "vladimir-putin", "recep-tayyip-erdogan", "donald-trump", "volodymyr-zelenskyy", "emmanuel-macron", "xi-jinping",
        "friedrich-merz", "keir-starmer", "narendra-modi", "giorgia-meloni", "ursula-von-der-leyen", "mohammed-bin-salman",
        "luiz-inacio-lula-da-silva", "claudia-sheinbaum", "javier-milei",
    ];

    public static IReadOnlyList<Country> Countries { get; } =
    [
        new("RU", "Russia", "ru"), new("TR", "Türkiye", "tr"), new("US", "the United States", "en"), new("UA", "Ukraine", "en"),
        new("FR", "France", "fr"), new("CN", "China", "en"), new("DE", "Germany", "en"), new("GB", "the United Kingdom", "en"),
        new("IN", "India", "en"), new("IT", "Italy", "en"), new("EU", "the European Union", "en"), new("SA", "Saudi Arabia", "en"),
        new("BR", "Brazil", "en"), new("MX", "Mexico", "es"), new("AR", "Argentina", "es"), new("JP", "Japan", "en"),
        new("KR", "the Republic of Korea", "en"), new("CA", "Canada", "en"), new("AU", "Australia", "en"), new("ID", "Indonesia", "en"),
        new("ZA", "South Africa", "en"), new("ES", "Spain", "es"), new("KZ", "Kazakhstan", "ru"), new("BY", "Belarus", "ru"),
        new("KG", "Kyrgyzstan", "ru"), new("BE", "Belgium", "fr"), new("SN", "Senegal", "fr"), new("CI", "Côte d'Ivoire", "fr"),
        new("MA", "Morocco", "fr"), new("DZ", "Algeria", "fr"), new("TN", "Tunisia", "fr"), new("ML", "Mali", "fr"),
        new("CM", "Cameroon", "fr"), new("CO", "Colombia", "es"), new("CL", "Chile", "es"), new("PE", "Peru", "es"),
        new("VE", "Venezuela", "es"), new("CU", "Cuba", "es"), new("EC", "Ecuador", "es"), new("BO", "Bolivia", "es"),
        new("UY", "Uruguay", "es"), new("PY", "Paraguay", "es"), new("AZ", "Azerbaijan", "en"), new("IL", "Israel", "en"),
        new("EG", "Egypt", "en"), new("AE", "the United Arab Emirates", "en"), new("QA", "Qatar", "en"), new("IR", "Iran", "en"),
        new("PL", "Poland", "en"), new("NL", "the Netherlands", "en"), new("HU", "Hungary", "en"), new("GR", "Greece", "en"),
        new("PK", "Pakistan", "en"), new("VN", "Viet Nam", "en"), new("NG", "Nigeria", "en"), new("KE", "Kenya", "en"),
        new("SE", "Sweden", "en"), new("FI", "Finland", "en"), new("PT", "Portugal", "en"), new("AT", "Austria", "en"),
        new("CH", "Switzerland", "fr"), new("NO", "Norway", "en"), new("DK", "Denmark", "en"), new("IE", "Ireland", "en"),
        new("CZ", "Czechia", "en"), new("RO", "Romania", "en"), new("BG", "Bulgaria", "en"), new("RS", "Serbia", "en"),
        new("HR", "Croatia", "en"), new("GE", "Georgia", "en"), new("AM", "Armenia", "en"), new("UZ", "Uzbekistan", "ru"),
        new("TJ", "Tajikistan", "ru"), new("MD", "Moldova", "en"), new("JO", "Jordan", "en"), new("LB", "Lebanon", "fr"),
        new("IQ", "Iraq", "en"), new("KW", "Kuwait", "en"), new("OM", "Oman", "en"), new("BD", "Bangladesh", "en"),
        new("TH", "Thailand", "en"), new("MY", "Malaysia", "en"), new("SG", "Singapore", "en"), new("PH", "the Philippines", "en"),
        new("NZ", "New Zealand", "en"), new("ET", "Ethiopia", "en"), new("GH", "Ghana", "en"), new("MN", "Mongolia", "en"),
    ];

    private static readonly Dictionary<string, Country> CountryByCode = Countries.ToDictionary(c => c.Code);

    private static readonly Dictionary<string, (string[] Given, string[] Family)> NamesByLanguage = new()
    {
        ["es"] = (["Alejandro", "Carlos", "Lucía", "María", "Andrés", "Gabriel", "Sofía", "Diego", "Isabel", "Ricardo", "Gustavo", "Daniela"],
                  ["García", "Fernández", "Ortega", "Navarro", "Castillo", "Vargas", "Morales", "Herrera", "Mendoza", "Rojas", "Paredes", "Salazar"]),
        ["fr"] = (["Jean", "Pierre", "Claire", "Étienne", "Amadou", "Youssef", "Mamadou", "Hélène", "François", "Ousmane", "Aïssata", "Lucien"],
                  ["Dubois", "Lefèvre", "Moreau", "Laurent", "Diop", "Traoré", "Benali", "Mercier", "Girard", "Ndiaye", "Koné", "Rousseau"]),
        ["ru"] = (["Sergei", "Aleksandr", "Askar", "Dmitry", "Roman", "Nurlan", "Igor", "Timur", "Oleg", "Marat"],
                  ["Volkov", "Sokolov", "Morozov", "Abdrakhmanov", "Orlov", "Belov", "Kuznetsov", "Zhaksybekov", "Lebedev", "Nazarov"]),
        ["tr"] = (["Mehmet", "Ahmet", "Ayşe", "Mustafa", "Emine", "Kemal", "Fatma", "Ömer"],
                  ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"]),
        ["en"] = (["John", "David", "Anna", "Lars", "Piotr", "Nikos", "Viktor", "Ahmed", "Hassan", "Kwame", "Mei", "Rajiv", "Ingrid", "Tomás", "Ali", "Grace"],
                  ["Andersen", "Kowalski", "Novak", "Papadopoulos", "Horváth", "Ivanović", "Okafor", "Mensah", "Rahman", "Lindqvist", "Haddad", "Petrov", "Nakamura", "Silva", "Osei", "Karimi"]),
    };

    // Transliterations of the Russian name parts, so those leaders have Cyrillic aliases as real ones do.
    private static readonly Dictionary<string, string> Cyrillic = new()
    {
        ["Sergei"] = "Сергей",
        ["Aleksandr"] = "Александр",
        ["Askar"] = "Аскар",
        ["Dmitry"] = "Дмитрий",
        ["Roman"] = "Роман",
        ["Nurlan"] = "Нурлан",
        ["Igor"] = "Игорь",
        ["Timur"] = "Тимур",
        ["Oleg"] = "Олег",
        ["Marat"] = "Марат",
        ["Volkov"] = "Волков",
        ["Sokolov"] = "Соколов",
        ["Morozov"] = "Морозов",
        ["Abdrakhmanov"] = "Абдрахманов",
        ["Orlov"] = "Орлов",
        ["Belov"] = "Белов",
        ["Kuznetsov"] = "Кузнецов",
        ["Zhaksybekov"] = "Жаксыбеков",
        ["Lebedev"] = "Лебедев",
        ["Nazarov"] = "Назаров",
    };

    private World(IReadOnlyList<LeaderSpec> leaders, IReadOnlyList<SourceSpec> sources, IReadOnlyList<TopicSpec> topics)
    {
        Leaders = leaders;
        Sources = sources;
        Topics = topics;
        LeaderSkew = new Zipf(leaders.Count, 1.05);
        TopicSkew = new Zipf(topics.Count, 1.1);
        SourcesByCountry = sources.GroupBy(s => s.Country).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>In order of popularity: index 0 is on the most calls.</summary>
    public IReadOnlyList<LeaderSpec> Leaders { get; }

    public IReadOnlyList<SourceSpec> Sources { get; }

    /// <summary>Topics in order of popularity, each labelled in every corpus language.</summary>
    public IReadOnlyList<TopicSpec> Topics { get; }

    public Zipf LeaderSkew { get; }

    public Zipf TopicSkew { get; }

    public Dictionary<string, List<SourceSpec>> SourcesByCountry { get; }

    public static Country CountryOf(string code) =>
        CountryByCode.TryGetValue(code, out var country) ? country : new Country(code, code, "en");

    /// <summary>
    /// Builds the cast around the leaders and sources the API already has, so that a fresh
    /// database (the registry's) and a second run (everything already created) give the same corpus.
    /// </summary>
    public static World Build(IReadOnlyList<LeaderSpec> existingLeaders, IReadOnlyList<SourceSpec> existingSources, int seed)
    {
        var random = new Random(seed);

        // Synthetic names come from the seed alone, so a second run against the same database
        // (where they already exist) sees the same registry and builds the same world.
        var synthetic = new List<LeaderSpec>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; synthetic.Count < LeaderCount; i++)
        {
            var country = Countries[i % Countries.Count];
            var (given, family) = NamesByLanguage[country.Language];
            var first = given[random.Next(given.Length)];
            var last = family[random.Next(family.Length)];
            if (names.Add($"{first} {last}"))
            {
                string[] aliases = country.Language == "ru" ? [$"{Cyrillic[first]} {Cyrillic[last]}"] : [];
                synthetic.Add(new LeaderSpec($"{first} {last}", country.Code, aliases));
            }
        }

        var registry = existingLeaders.Where(l => !names.Contains(l.Name)).ToList();
        var leaders = HotLeaders.Select(slug => registry.FirstOrDefault(l => l.Slug == slug)).OfType<LeaderSpec>().ToList();
        var others = registry.Where(l => !HotLeaders.Contains(l.Slug)).OrderBy(l => l.Slug, StringComparer.Ordinal).ToList();
        foreach (var leader in synthetic.Take(Math.Max(0, LeaderCount - registry.Count)))
        {
            leader.Slug = existingLeaders.FirstOrDefault(l => string.Equals(l.Name, leader.Name, StringComparison.OrdinalIgnoreCase))?.Slug ?? "";
            others.Add(leader);
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(others));
        leaders.AddRange(others);

        var sources = existingSources.OrderBy(s => s.Slug, StringComparer.Ordinal).ToList();
        var covered = sources.Select(s => s.Country).ToHashSet();
        var kinds = new[] { ("presidency", "Presidency of"), ("government", "Government of"), ("mfa", "Ministry of Foreign Affairs of") };
        foreach (var country in Countries.Where(c => !covered.Contains(c.Code)))
        {
            if (sources.Count >= SourceCount)
            {
                break;
            }

            var (kind, title) = kinds[sources.Count % kinds.Length];
            var slug = $"{NameSlug(Bare(country.Name))}-{kind}";
            sources.Add(new SourceSpec(slug, $"{title} {country.Name}", country.Code, $"https://www.{slug}.example.org", country.Language));
        }

        var topics = TopicLabels.Thematic.ToList();
        for (var i = 0; i < 30 && topics.Count < 300; i++)
        {
            for (var j = i + 1; j < 30 && topics.Count < 300; j++)
            {
                topics.Add(TopicLabels.Relations(i, j, Bare(Countries[i].Name), Bare(Countries[j].Name)));
            }
        }

        return new World(leaders, sources, topics);
    }

    /// <summary>The language a registry source publishes in; synthetic ones carry theirs.</summary>
    public static string LanguageOfCountry(string country) => CountryOf(country).Language;

    private static string Bare(string countryName) =>
        countryName.StartsWith("the ", StringComparison.Ordinal) ? countryName[4..] : countryName;

    /// <summary>Lowercase ASCII words joined by hyphens, as the API makes slugs (close enough for ordering).</summary>
    public static string NameSlug(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}

/// <summary>Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s.</summary>
internal sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int n, double s)
    {
        _cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, s);
            _cumulative[i] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
