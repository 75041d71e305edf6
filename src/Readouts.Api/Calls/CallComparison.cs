using System.Xml;
using Readouts.Api.Readouts;
using Readouts.Api.Topics;

namespace Readouts.Api.Calls;

/// <summary>
/// Where the sources' accounts of one call agree and differ, by subject: a subject counts for a
/// source when one of its readouts labels it or names it in its text, in whatever language.
/// </summary>
/// <param name="CallId">The call compared.</param>
/// <param name="Date">The call's date.</param>
/// <param name="Sources">Each source, with its readouts, languages, first publication and subjects.</param>
/// <param name="SharedTopics">Subjects every source has; none when only one source told the call.</param>
/// <param name="TopicsOnlyIn">For each source slug, the subjects no other source has.</param>
/// <param name="StatementsBySpeaker">Statements grouped by speaker (null: joint), then by source.</param>
/// <param name="PublishedFirst">Which source published first and how far ahead of the next; null unless two sources give a publication time.</param>
/// <param name="Topics">Every subject any source has, shared ones first, with what each source said about it.</param>
public sealed record CallComparison(
    long CallId,
    DateOnly Date,
    IReadOnlyList<ComparedSource> Sources,
    IReadOnlyList<TopicRef> SharedTopics,
    IReadOnlyDictionary<string, IReadOnlyList<TopicRef>> TopicsOnlyIn,
    IReadOnlyList<SpeakerStatements> StatementsBySpeaker,
    PublishedFirst? PublishedFirst,
    IReadOnlyList<ComparedTopic> Topics)
{
    public static CallComparison Of(CallDetails call)
    {
        var bySource = call.Readouts.GroupBy(r => r.Source).ToList();
        var sides = bySource.Select(g => Side.Of(g.Key, g.ToList())).ToList();
        var sources = sides.Select(s => new ComparedSource(
            s.Slug,
            s.Readouts.Select(r => r.Id).ToList(),
            s.Readouts.Select(r => r.Language).Distinct().ToList(),
            s.Readouts.Min(r => r.PublishedAt),
            s.Subjects.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList())).ToList();

        var sharedSlugs = Shared(sides.Select(s => s.Subjects.Keys.ToHashSet()).ToList()).ToHashSet();
        var shared = sources.Count == 0 ? [] : sources[0].Topics.Where(t => sharedSlugs.Contains(t.Slug)).ToList();
        var onlyIn = sources.ToDictionary(
            s => s.Slug,
            s => (IReadOnlyList<TopicRef>)s.Topics.Where(t => sides.All(other => other.Slug == s.Slug || !other.Subjects.ContainsKey(t.Slug))).ToList());

        var topics = sides.SelectMany(s => s.Subjects.Values).DistinctBy(t => t.Slug)
            .Select(t => (Topic: t, Sides: sides.Count(s => s.Subjects.ContainsKey(t.Slug))))
            .OrderByDescending(t => t.Sides >= 2 && t.Sides == sides.Count)
            .ThenByDescending(t => t.Sides)
            .ThenBy(t => t.Topic.Name, StringComparer.Ordinal)
            .Select(t => new ComparedTopic(t.Topic, sides.ToDictionary(s => s.Slug, s => s.On(t.Topic.Slug))))
            .ToList();

        var speakerOrder = call.Leaders.Select(l => l.Slug).ToList();
        var statements = call.Readouts
            .SelectMany(r => r.Statements.Select(s => (r.Source, Statement: s)))
            .GroupBy(x => x.Statement.Speaker)
            .OrderBy(g => g.Key is null ? int.MaxValue : speakerOrder.IndexOf(g.Key.Slug))
            .Select(g => new SpeakerStatements(
                g.Key,
                g.GroupBy(x => x.Source).ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Select(x => x.Statement.Text).ToList())))
            .ToList();

        return new CallComparison(call.Id, call.Date, sources, shared, onlyIn, statements, PublishedFirstOf(sources), topics);
    }

    /// <summary>
    /// The subjects every side has: nothing is shared when only one side told the call (there is
    /// nothing to share with).
    /// </summary>
    public static IEnumerable<T> Shared<T>(IReadOnlyList<IReadOnlySet<T>> sides) =>
        sides.Count < 2 ? [] : sides[0].Where(t => sides.All(s => s.Contains(t)));

    /// <summary>One source's readouts of the call, and its subjects by slug.</summary>
    private sealed record Side(string Slug, List<ReadoutResponse> Readouts, Dictionary<string, TopicRef> Subjects)
    {
        public static Side Of(string slug, List<ReadoutResponse> readouts) => new(
            slug,
            readouts,
            readouts.SelectMany(r => r.Topics.Concat(r.MentionedTopics.Select(m => m.ToRef())))
                .DistinctBy(t => t.Slug)
                .ToDictionary(t => t.Slug));

        /// <summary>What this side says about a subject: whether it labels it, the words that name it, and the statements that do.</summary>
        public SourceOnTopic On(string topic)
        {
            var given = Readouts.Any(r => r.Topics.Any(t => t.Slug == topic));
            var words = Readouts.SelectMany(r => r.MentionedTopics.Where(m => m.Slug == topic).SelectMany(m => m.Words)).Distinct().ToList();
            var statements = Readouts
                .SelectMany(r => r.Statements.Where(s => r.MentionedTopics.Any(m => m.Slug == topic && m.Words.Any(w => MentionFinder.Names(s.Text, w)))))
                .ToList();
            return new SourceOnTopic(given, words, statements);
        }
    }

    private static PublishedFirst? PublishedFirstOf(List<ComparedSource> sources)
    {
        var timed = sources.Where(s => s.FirstPublishedAt is not null).OrderBy(s => s.FirstPublishedAt).ToList();
        if (timed.Count < 2)
        {
            return null;
        }

        var lead = timed[1].FirstPublishedAt!.Value - timed[0].FirstPublishedAt!.Value;
        return new PublishedFirst(timed[0].Slug, timed[0].FirstPublishedAt!.Value, timed[1].Slug, (long)lead.TotalSeconds, XmlConvert.ToString(lead));
    }
}

/// <param name="Slug">The source.</param>
/// <param name="ReadoutIds">Its readouts of the call (one per language).</param>
/// <param name="Languages">Their languages.</param>
/// <param name="FirstPublishedAt">When its first readout of the call was published, if known.</param>
/// <param name="Topics">Every subject its readouts label or name.</param>
public sealed record ComparedSource(string Slug, IReadOnlyList<long> ReadoutIds, IReadOnlyList<string> Languages, DateTimeOffset? FirstPublishedAt, IReadOnlyList<TopicRef> Topics);

/// <summary>One subject of the call, side by side.</summary>
/// <param name="Topic">The subject.</param>
/// <param name="Sources">For each source slug of the call, what it says about the subject.</param>
public sealed record ComparedTopic(TopicRef Topic, IReadOnlyDictionary<string, SourceOnTopic> Sources);

/// <summary>What one source says about one subject.</summary>
/// <param name="Given">Whether its readouts label the subject.</param>
/// <param name="Mentions">The words that name the subject in its texts, as written (Украины, Ukrayna'daki).</param>
/// <param name="Statements">Its statements that name the subject.</param>
public sealed record SourceOnTopic(bool Given, IReadOnlyList<string> Mentions, IReadOnlyList<StatementResponse> Statements);

/// <param name="Speaker">The leader, or null for joint statements.</param>
/// <param name="BySource">For each source slug, what it says the speaker said.</param>
public sealed record SpeakerStatements(SpeakerRef? Speaker, IReadOnlyDictionary<string, IReadOnlyList<string>> BySource);

/// <param name="Source">The source that published first.</param>
/// <param name="PublishedAt">When.</param>
/// <param name="AheadOf">The source that published next.</param>
/// <param name="AheadBySeconds">The lead in seconds.</param>
/// <param name="AheadBy">The lead as an ISO 8601 duration (PT2H15M).</param>
public sealed record PublishedFirst(string Source, DateTimeOffset PublishedAt, string AheadOf, long AheadBySeconds, string AheadBy);
