using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

/// <summary>A readout's subject: the labels that resolved to it and the words that name it in its text.</summary>
public sealed record TaggedTopic(int TopicId, string[] Labels, string[] Mentions);

/// <summary>What <see cref="SubjectTagger"/> made of a readout: its subjects, and the labels no topic has yet.</summary>
public sealed record Tagged(IReadOnlyList<TaggedTopic> Topics, IReadOnlyList<string> NewLabels)
{
    /// <summary>The readout's topic rows, once the new labels have topics (<see cref="TopicService.EnsureOthersAsync"/>).</summary>
    public List<ReadoutTopic> Rows(long readoutId, IReadOnlyDictionary<string, int> newLabels)
    {
        var rows = Topics.ToDictionary(t => t.TopicId, t => new ReadoutTopic { ReadoutId = readoutId, TopicId = t.TopicId, Labels = t.Labels, Mentions = t.Mentions });
        foreach (var label in NewLabels)
        {
            var id = newLabels[label];
            rows[id] = rows.TryGetValue(id, out var row)
                ? new ReadoutTopic { ReadoutId = readoutId, TopicId = id, Labels = [.. row.Labels, label], Mentions = row.Mentions }
                : new ReadoutTopic { ReadoutId = readoutId, TopicId = id, Labels = [label], Mentions = [] };
        }

        return [.. rows.Values.OrderBy(r => r.TopicId)];
    }
}

/// <summary>
/// A readout's subjects: its labels resolved (<see cref="TopicResolver"/>) and its mentions found
/// (<see cref="MentionFinder"/>), for many readouts at once. In two steps, so that the stemming of
/// the words the rules need rides in the same round trip as the readouts' search vectors.
/// </summary>
public sealed class SubjectTagger(Subjects subjects, Lexicon lexicon)
{
    /// <summary>What is tagged: the readout's language, labels and texts (title, body, statements), and its leaders' countries.</summary>
    public sealed record Item(string Language, IReadOnlyList<string> Labels, IReadOnlyList<string> Texts, IReadOnlyCollection<string> LeaderCountries);

    /// <summary>Items being tagged, and the words to stem first (<see cref="Missing"/>).</summary>
    public sealed class Pending(SubjectIndex index, IReadOnlyList<Item> items, List<(string Config, string Word)> missing)
    {
        public SubjectIndex Index { get; } = index;

        public IReadOnlyList<Item> Items { get; } = items;

        public List<(string Config, string Word)> Missing { get; } = missing;

        /// <summary>The stems of <see cref="Missing"/>, once read.</summary>
        public Dictionary<(string Config, string Word), string> Stemmed { get; } = [];
    }

    public async Task<Pending> PrepareAsync(IReadOnlyList<Item> items, CancellationToken ct)
    {
        var index = await subjects.GetAsync(ct);
        var words = new List<(string Config, string Word)>();
        foreach (var item in items)
        {
            if (index.For(item.Language) is { } aliases)
            {
                words.AddRange(MentionFinder.WordsToStem(aliases, item.Texts).Select(w => (aliases.Config, w)));
            }

            foreach (var label in item.Labels.Where(l => TopicResolver.ByName(index, l) is null))
            {
                words.AddRange(TopicResolver.WordsToStem(index, label, item.Language));
            }
        }

        return new Pending(index, items, lexicon.Missing(words));
    }

    /// <summary>The statement that stems what <paramref name="pending"/> needs, or null when it needs nothing.</summary>
    public static NpgsqlBatchCommand? StemCommand(Pending pending) => pending.Missing.Count == 0 ? null : Lexicon.Command(pending.Missing);

    /// <summary>Reads the rows of <see cref="StemCommand"/>.</summary>
    public async Task ReadStemsAsync(Pending pending, System.Data.Common.DbDataReader reader, CancellationToken ct)
    {
        await lexicon.ReadAsync(reader, pending.Missing, ct);
        foreach (var word in pending.Missing)
        {
            pending.Stemmed[word] = lexicon.Of(word.Config, word.Word) ?? "";
        }
    }

    public IReadOnlyList<Tagged> Complete(Pending pending)
    {
        var index = pending.Index;
        string? LexemeOf(string config, string word) =>
            pending.Stemmed.TryGetValue((config, word), out var lexeme) ? lexeme : lexicon.Of(config, word);

        return pending.Items.Select(item =>
        {
            var labels = new Dictionary<int, List<string>>();
            var newLabels = new List<string>();
            foreach (var label in item.Labels)
            {
                if ((TopicResolver.ByName(index, label) ?? TopicResolver.ByStems(index, label, item.Language, LexemeOf)) is { } id)
                {
                    (labels.TryGetValue(id, out var list) ? list : labels[id] = []).Add(label);
                }
                else
                {
                    newLabels.Add(label);
                }
            }

            var mentions = index.For(item.Language) is { } aliases
                ? MentionFinder.FindAll(aliases, item.Texts, w => LexemeOf(aliases.Config, w), index.TopicsOfCountries(item.LeaderCountries))
                : [];
            var topics = labels.Keys.Union(mentions.Keys).Select(id => new TaggedTopic(
                id,
                labels.TryGetValue(id, out var given) ? [.. given] : [],
                mentions.TryGetValue(id, out var words) ? [.. words] : [])).ToList();
            return new Tagged(topics, newLabels);
        }).ToList();
    }

    /// <summary>Prepares, stems in a round trip of its own, and completes: for the writes that are not on a post's hot path.</summary>
    public async Task<IReadOnlyList<Tagged>> TagAsync(ReadoutsDbContext db, IReadOnlyList<Item> items, CancellationToken ct)
    {
        var pending = await PrepareAsync(items, ct);
        if (StemCommand(pending) is { } command)
        {
            await using var batch = db.NewBatch();
            batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await ReadStemsAsync(pending, reader, ct);
        }

        return Complete(pending);
    }

    /// <summary>The texts of a readout that are searched for mentions: title, body, each statement.</summary>
    public static IReadOnlyList<string> TextsOf(Readout readout) =>
        [readout.Title, readout.Body, .. readout.Statements.OrderBy(s => s.Position).Select(s => s.Text)];
}
