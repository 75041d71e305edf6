using System.Xml;
using Readouts.Api.Readouts;
using Readouts.Api.Topics;

namespace Readouts.Api.Calls;

/// <summary>Where the sources' accounts of one call agree and differ.</summary>
/// <param name="CallId">The call compared.</param>
/// <param name="Date">The call's date.</param>
/// <param name="Sources">Each source, with its readouts, languages, first publication and topics.</param>
/// <param name="SharedTopics">Topics every source mentions.</param>
/// <param name="TopicsOnlyIn">For each source slug, the topics no other source mentions.</param>
/// <param name="StatementsBySpeaker">Statements grouped by speaker (null: joint), then by source.</param>
/// <param name="PublishedFirst">Which source published first and how far ahead of the next; null unless two sources give a publication time.</param>
public sealed record CallComparison(
    long CallId,
    DateOnly Date,
    IReadOnlyList<ComparedSource> Sources,
    IReadOnlyList<TopicRef> SharedTopics,
    IReadOnlyDictionary<string, IReadOnlyList<TopicRef>> TopicsOnlyIn,
    IReadOnlyList<SpeakerStatements> StatementsBySpeaker,
    PublishedFirst? PublishedFirst)
{
    public static CallComparison Of(CallDetails call)
    {
        var bySource = call.Readouts.GroupBy(r => r.Source).ToList();
        var sources = bySource.Select(g => new ComparedSource(
            g.Key,
            g.Select(r => r.Id).ToList(),
            g.Select(r => r.Language).Distinct().ToList(),
            g.Min(r => r.PublishedAt),
            g.SelectMany(r => r.Topics).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList())).ToList();

        var shared = sources.Count == 0
            ? []
            : sources.Skip(1).Aggregate((IEnumerable<TopicRef>)sources[0].Topics, (common, s) => common.Intersect(s.Topics)).ToList();
        var onlyIn = sources.ToDictionary(
            s => s.Slug,
            s => (IReadOnlyList<TopicRef>)s.Topics.Where(t => sources.All(other => other.Slug == s.Slug || !other.Topics.Contains(t))).ToList());

        var speakerOrder = call.Leaders.Select(l => l.Slug).ToList();
        var statements = call.Readouts
            .SelectMany(r => r.Statements.Select(s => (r.Source, Statement: s)))
            .GroupBy(x => x.Statement.Speaker)
            .OrderBy(g => g.Key is null ? int.MaxValue : speakerOrder.IndexOf(g.Key.Slug))
            .Select(g => new SpeakerStatements(
                g.Key,
                g.GroupBy(x => x.Source).ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Select(x => x.Statement.Text).ToList())))
            .ToList();

        return new CallComparison(call.Id, call.Date, sources, shared, onlyIn, statements, PublishedFirstOf(sources));
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
/// <param name="Topics">Every topic its readouts mention.</param>
public sealed record ComparedSource(string Slug, IReadOnlyList<long> ReadoutIds, IReadOnlyList<string> Languages, DateTimeOffset? FirstPublishedAt, IReadOnlyList<TopicRef> Topics);

/// <param name="Speaker">The leader, or null for joint statements.</param>
/// <param name="BySource">For each source slug, what it says the speaker said.</param>
public sealed record SpeakerStatements(SpeakerRef? Speaker, IReadOnlyDictionary<string, IReadOnlyList<string>> BySource);

/// <param name="Source">The source that published first.</param>
/// <param name="PublishedAt">When.</param>
/// <param name="AheadOf">The source that published next.</param>
/// <param name="AheadBySeconds">The lead in seconds.</param>
/// <param name="AheadBy">The lead as an ISO 8601 duration (PT2H15M).</param>
public sealed record PublishedFirst(string Source, DateTimeOffset PublishedAt, string AheadOf, long AheadBySeconds, string AheadBy);
