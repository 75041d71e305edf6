using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Sources;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>
/// A deterministic archive of readouts shaped like the real thing: about 25 years of calls, a few
/// leaders on most of them and many on few, mostly two sides per call (each published by the
/// leader's own office, or a wire service where it has none), some second language versions, a
/// hundred topics of which a few are everywhere, and bodies in English, Russian, Turkish, French
/// and Spanish made of real words, some common and some rare.
/// </summary>
public sealed class ReadoutCorpus
{
    public static readonly DateOnly FirstDate = new(2001, 1, 1);
    public static readonly DateOnly LastDate = new(2025, 10, 31);

    public required IReadOnlyList<ReadoutRequest> Readouts { get; init; }

    /// <summary>Calls per leader slug (as generated; linking may merge a few).</summary>
    public required IReadOnlyDictionary<string, int> CallsByLeader { get; init; }

    /// <summary>Readouts per topic name.</summary>
    public required IReadOnlyDictionary<string, int> ReadoutsByTopic { get; init; }

    public string MostCommonLeader => CallsByLeader.MaxBy(l => l.Value).Key;

    public string RarestLeader => CallsByLeader.Where(l => l.Value > 0).MinBy(l => l.Value).Key;

    public string MostCommonTopic => ReadoutsByTopic.MaxBy(t => t.Value).Key;

    public string RarestTopic => ReadoutsByTopic.Where(t => t.Value > 0).MinBy(t => t.Value).Key;

    /// <param name="leaders">The registry's leaders.</param>
    /// <param name="sources">Sources by country (the leader's own office publishes its side).</param>
    /// <param name="wireServices">Sources for the sides of leaders whose country has no source.</param>
    /// <param name="target">About this many readouts.</param>
    /// <param name="seed">The same seed gives the same corpus.</param>
    public static ReadoutCorpus Generate(IReadOnlyList<LeaderResponse> leaders, IReadOnlyList<SourceResponse> sources, IReadOnlyList<string> wireServices, int target, int seed)
    {
        var random = new Random(seed);
        var leaderPicker = new Skewed<LeaderResponse>(leaders.OrderBy(l => l.Slug, StringComparer.Ordinal).OrderBy(_ => random.Next()).ToList(), 1.4);
        var topicPicker = new Skewed<string>(Topics.OrderBy(_ => random.Next()).ToList(), 1.1);
        var sourceOf = sources.GroupBy(s => s.Country).ToDictionary(g => g.Key, g => g.First().Slug);
        var callsByLeader = leaders.ToDictionary(l => l.Slug, _ => 0);
        var readoutsByTopic = Topics.ToDictionary(t => t, _ => 0);
        var readouts = new List<ReadoutRequest>();
        var span = LastDate.DayNumber - FirstDate.DayNumber;

        while (readouts.Count < target)
        {
            var date = FirstDate.AddDays(random.Next(span));
            var onCall = new List<LeaderResponse>();
            var size = random.NextDouble() < 0.08 ? 3 : 2;
            while (onCall.Count < size)
            {
                var leader = leaderPicker.Next(random);
                if (!onCall.Contains(leader))
                {
                    onCall.Add(leader);
                }
            }

            onCall.ForEach(l => callsByLeader[l.Slug]++);
            var callTopics = Enumerable.Range(0, random.Next(2, 6)).Select(_ => topicPicker.Next(random)).Distinct().ToList();
            var publishers = onCall
                .Select(l => sourceOf.GetValueOrDefault(l.Country) ?? wireServices[random.Next(wireServices.Count)])
                .Distinct()
                .Take(random.NextDouble() < 0.15 ? 1 : 2);
            foreach (var source in publishers)
            {
                // Each source dates the call in its own time zone: sometimes a day later.
                var sideDate = random.NextDouble() < 0.1 ? date.AddDays(1) : date;
                var sideTopics = callTopics.Where(_ => random.NextDouble() < 0.75).DefaultIfEmpty(callTopics[0]).ToList();
                sideTopics.ForEach(t => readoutsByTopic[t]++);
                var language = LanguageOf(sources.FirstOrDefault(s => s.Slug == source)?.Country);
                readouts.Add(Side(random, source, language, sideDate, onCall, sideTopics, readouts.Count));
                if (random.NextDouble() < 0.1)
                {
                    // The same source's version in a second language joins the same call.
                    readouts.Add(Side(random, source, language == "en" ? "fr" : "en", sideDate, onCall, sideTopics, readouts.Count));
                }
            }
        }

        return new ReadoutCorpus { Readouts = readouts, CallsByLeader = callsByLeader, ReadoutsByTopic = readoutsByTopic };
    }

    private static ReadoutRequest Side(Random random, string source, string language, DateOnly date, List<LeaderResponse> leaders, List<string> topics, int number)
    {
        var words = Vocabularies[language];
        return new ReadoutRequest
        {
            Source = source,
            Language = language,
            CallDate = date,
            PublishedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(random.Next(8, 23), random.Next(60))), TimeSpan.Zero),
            Title = string.Format(System.Globalization.CultureInfo.InvariantCulture, Titles[language], string.Join(", ", leaders.Select(l => l.Name))),
            Url = $"https://{source}.example.org/{date.Year}/readouts/{number}",
            Leaders = [.. leaders.Select(l => l.Slug)],
            Topics = [.. topics],
            Statements = [.. Enumerable.Range(0, random.Next(3)).Select(_ => new StatementRequest
            {
                Speaker = leaders[random.Next(leaders.Count)].Slug,
                Text = words.Text(random, random.Next(8, 20)),
            })],
            Body = words.Text(random, random.Next(40, 90)),
        };
    }

    private static string LanguageOf(string? country) => country switch
    {
        "RU" => "ru",
        "TR" => "tr",
        "FR" => "fr",
        "AR" or "MX" => "es",
        _ => "en",
    };

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["en"] = "Telephone conversation between {0}",
        ["ru"] = "Телефонный разговор: {0}",
        ["tr"] = "Telefon görüşmesi: {0}",
        ["fr"] = "Entretien téléphonique entre {0}",
        ["es"] = "Conversación telefónica entre {0}",
    };

    /// <summary>Real words of each language, the first ones far more frequent than the last.</summary>
    private static readonly Dictionary<string, Skewed<string>> Vocabularies = new()
    {
        ["en"] = Words("leaders discussed bilateral relations trade energy security cooperation regional issues dialogue peace stability economic partnership investment agreed continue situation ceasefire negotiations humanitarian grain corridor sanctions visit summit congratulated elections defence nuclear climate gas pipeline tourism agriculture technology migration border prisoners"),
        ["ru"] = Words("лидеры обсудили двусторонние отношения торговля энергетика безопасность сотрудничество региональные вопросы диалог мир стабильность экономическое партнёрство инвестиции договорились продолжить ситуация перемирие переговоры гуманитарный зерновой коридор санкции визит саммит поздравил выборы оборона ядерный климат газопровод туризм сельское хозяйство технологии миграция граница пленные"),
        ["tr"] = Words("liderler görüştü ikili ilişkiler ticaret enerji güvenlik işbirliği bölgesel konular diyalog barış istikrar ekonomik ortaklık yatırım mutabık devam durum ateşkes müzakereler insani tahıl koridoru yaptırımlar ziyaret zirve tebrik seçimler savunma nükleer iklim doğalgaz boru hattı turizm tarım teknoloji göç sınır esirler"),
        ["fr"] = Words("dirigeants évoqué relations bilatérales commerce énergie sécurité coopération régionales questions dialogue paix stabilité économique partenariat investissements convenu poursuivre situation cessez-le-feu négociations humanitaire céréales corridor sanctions visite sommet félicité élections défense nucléaire climat gazoduc tourisme agriculture technologie migrations frontière prisonniers"),
        ["es"] = Words("líderes conversaron relaciones bilaterales comercio energía seguridad cooperación regionales asuntos diálogo paz estabilidad económica asociación inversiones acordaron continuar situación alto fuego negociaciones humanitaria cereales corredor sanciones visita cumbre felicitó elecciones defensa nuclear clima gasoducto turismo agricultura tecnología migración frontera prisioneros"),
    };

    private static Skewed<string> Words(string words) => new(words.Split(' '), 0.9);

    private static readonly string[] Themes =
    [
        "Bilateral relations", "Trade", "Energy", "Security", "Russia–Ukraine war", "Middle East", "Climate change", "Investment",
        "Grain corridor", "Nuclear energy", "Defence industry", "Migration", "Counter-terrorism", "Gaza", "Syria", "Tourism",
        "Agriculture", "Technology", "Natural gas", "Prisoner exchange", "Elections", "Health", "Space", "Culture", "Sports",
    ];

    /// <summary>A hundred topics: each theme alone and in three regions.</summary>
    private static readonly string[] Topics =
        [.. Themes.SelectMany(theme => new[] { theme, $"{theme} in Europe", $"{theme} in Asia", $"{theme} in Africa" })];

    /// <summary>Picks items with Zipf weights: the i-th (from 1) is chosen in proportion to 1/i^exponent.</summary>
    private sealed class Skewed<T>
    {
        private readonly IReadOnlyList<T> items;
        private readonly double[] cumulative;

        public Skewed(IReadOnlyList<T> items, double exponent)
        {
            this.items = items;
            cumulative = new double[items.Count];
            var total = 0.0;
            for (var i = 0; i < items.Count; i++)
            {
                total += 1 / Math.Pow(i + 1, exponent);
                cumulative[i] = total;
            }
        }

        public T Next(Random random)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return items[Math.Min(index < 0 ? ~index : index, items.Count - 1)];
        }

        public string Text(Random random, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Next(random)));
    }
}
