using System.Globalization;
using System.Text;

namespace Readouts.Benchmarks.Corpus;

/// <summary>A readout in the shape of POST /api/readouts.</summary>
public sealed record ReadoutItem(
    string Source,
    string Language,
    string CallDate,
    string PublishedAt,
    string Title,
    string Url,
    IReadOnlyList<string> Leaders,
    IReadOnlyList<string> Topics,
    IReadOnlyList<StatementItem> Statements,
    string Body);

public sealed record StatementItem(string? Speaker, string Text);

/// <summary>One call of the corpus: its leaders' slugs and the readouts its sides publish.</summary>
internal sealed record GeneratedCall(IReadOnlyList<string> LeaderSlugs, IReadOnlyList<ReadoutItem> Readouts);

/// <summary>
/// Generates calls one at a time from a seed: cheap enough to run beside the API without
/// competing with it for the CPU, and the same corpus on every run.
/// </summary>
internal sealed class CorpusGenerator(World world, int seed, string urlPath = "news")
{
    private static readonly DateOnly First = new(2001, 1, 1);
    private static readonly DateOnly Last = new(2025, 12, 31);

    private readonly Random _random = new(seed);
    private int _calls;

    /// <summary>
    /// A call between two leaders (one in ten: three), told by the sources of their countries:
    /// mostly two sides, some one, some three (a third country's source or a second language).
    /// </summary>
    public GeneratedCall Next(DateOnly? date = null)
    {
        _calls++;
        var leaders = new List<LeaderSpec>();
        var size = _random.NextDouble() < 0.1 ? 3 : 2;
        while (leaders.Count < size)
        {
            var leader = world.Leaders[world.LeaderSkew.Next(_random)];
            if (!leaders.Contains(leader))
            {
                leaders.Add(leader);
            }
        }

        // More calls in recent years, as there are more readouts online.
        var span = Last.DayNumber - First.DayNumber;
        var callDate = date ?? First.AddDays((int)(Math.Sqrt(_random.NextDouble()) * span));

        var callTopics = new List<TopicSpec>();
        var topicCount = _random.Next(2, 7);
        while (callTopics.Count < topicCount)
        {
            var topic = world.Topics[world.TopicSkew.Next(_random)];
            if (!callTopics.Contains(topic))
            {
                callTopics.Add(topic);
            }
        }

        var sides = new List<(SourceSpec Source, string Language, LeaderSpec Speaker)>();
        foreach (var leader in leaders)
        {
            if (world.SourcesByCountry.TryGetValue(leader.Country, out var sources))
            {
                var source = sources[_random.Next(sources.Count)];
                if (sides.All(s => s.Source != source))
                {
                    sides.Add((source, source.Language, leader));
                }
            }
        }

        if (sides.Count == 0)
        {
            var source = world.Sources[_random.Next(world.Sources.Count)];
            sides.Add((source, source.Language, leaders[0]));
        }

        var shape = _random.NextDouble();
        var wanted = shape < 0.1 ? 1 : shape < 0.9 ? 2 : 3;
        if (wanted == 3 && sides.Count < 3)
        {
            var (source, language, speaker) = sides[0];
            sides.Add((source, language == "en" ? "fr" : "en", speaker));
        }

        var readouts = new List<ReadoutItem>();
        for (var i = 0; i < Math.Min(wanted, sides.Count); i++)
        {
            var (source, language, speaker) = sides[i];

            // Each source dates the call in its own time zone.
            var sideDate = i > 0 && _random.NextDouble() < 0.15 ? callDate.AddDays(1) : callDate;
            var other = leaders.First(l => l != speaker);
            readouts.Add(Readout(source, language, sideDate, speaker, other, leaders, callTopics, labelled: (_calls + i) % 4 != 0));
        }

        return new GeneratedCall(leaders.Select(l => l.Slug).ToList(), readouts);
    }

    /// <summary>
    /// One side's readout, its labels in its own language; a quarter carry none (<paramref name="labelled"/>
    /// false: many sources publish no tags), and the API finds their subjects in the text alone.
    /// </summary>
    private ReadoutItem Readout(SourceSpec source, string language, DateOnly date, LeaderSpec speaker, LeaderSpec other, List<LeaderSpec> leaders, List<TopicSpec> callTopics, bool labelled)
    {
        var vocabulary = Vocabulary.Of(language);
        var a = NameIn(speaker, language);
        var b = NameIn(other, language);

        var topics = callTopics.OrderBy(_ => _random.Next()).Take(_random.Next(1, Math.Min(5, callTopics.Count) + 1)).ToList();
        if (topics.Count < 5 && _random.NextDouble() < 0.2)
        {
            var own = world.Topics[world.TopicSkew.Next(_random)];
            if (!topics.Contains(own))
            {
                topics.Add(own);
            }
        }

        var statements = new List<StatementItem>();
        var statementCount = _random.Next(1, 6);
        for (var i = 0; i < statementCount; i++)
        {
            var who = _random.NextDouble();
            var slug = who < 0.6 ? speaker.Slug : who < 0.85 ? other.Slug : null;
            statements.Add(new StatementItem(slug, Pick(vocabulary.Statements)));
        }

        var published = date.ToDateTime(new TimeOnly(_random.Next(6, 23), _random.Next(60)), DateTimeKind.Utc)
            .AddDays(_random.NextDouble() < 0.1 ? 1 : 0);
        return new ReadoutItem(
            source.Slug,
            language,
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Fill(Pick(vocabulary.Titles), a, b),
            string.Create(CultureInfo.InvariantCulture, $"{source.Url}/{urlPath}/{date:yyyy/MM}/{_calls}-{language}"),
            leaders.Select(l => _random.NextDouble() < 0.7 ? l.Slug : l.Name).ToList(),
            labelled ? topics.Select(t => t.In(language)).ToList() : [],
            statements,
            Body(vocabulary, a, b));
    }

    /// <summary>About 80–200 words: the opening sentence, then sentences and details at random.</summary>
    private string Body(Vocabulary vocabulary, string a, string b)
    {
        var target = _random.Next(80, 201);
        var body = new StringBuilder(Fill(vocabulary.Sentences[0], a, b));
        var words = 10;
        while (words < target)
        {
            var sentence = _random.NextDouble() < 0.15
                ? Pick(vocabulary.Details).Replace("{x}", Pick(vocabulary.RareWords), StringComparison.Ordinal)
                : vocabulary.Sentences[1 + _random.Next(vocabulary.Sentences.Length - 1)];
            sentence = Fill(sentence, a, b);
            body.Append(' ').Append(sentence);
            words += sentence.Count(c => c == ' ') + 1;
        }

        return body.ToString();
    }

    private static string Fill(string text, string a, string b) =>
        text.Replace("{a}", a, StringComparison.Ordinal).Replace("{b}", b, StringComparison.Ordinal);

    /// <summary>Russian readouts write names in Cyrillic where the leader has such an alias.</summary>
    private static string NameIn(LeaderSpec leader, string language) =>
        language == "ru" && leader.Aliases.FirstOrDefault(IsCyrillic) is { } cyrillic ? cyrillic : leader.Name;

    private static bool IsCyrillic(string text) => text.Any(c => c is >= 'А' and <= 'я') && text.Contains(' ', StringComparison.Ordinal);

    private string Pick(string[] items) => items[_random.Next(items.Length)];
}
