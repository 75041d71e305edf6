using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Leaders;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>
/// One source's account of a call, as a newsroom tool posts it. The example is the Turkish
/// Presidency's readout of the seed call in English: posted, it joins the seed call as that
/// source's second language version.
/// </summary>
public sealed record ReadoutRequest
{
    /// <summary>Slug of the publishing source (see GET /api/sources).</summary>
    /// <example>iletisim</example>
    public string? Source { get; init; }

    /// <summary>BCP 47 language code of this text; full-text search stems by it.</summary>
    /// <example>en</example>
    public string? Language { get; init; }

    /// <summary>The date of the call as the source gives it (yyyy-MM-dd), in its own time zone.</summary>
    /// <example>2025-11-24</example>
    public DateOnly? CallDate { get; init; }

    /// <summary>When the source published it, ISO 8601 with offset. Optional; returned in UTC.</summary>
    /// <example>2025-11-24T18:30:00+03:00</example>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <example>President Erdoğan holds a phone call with President Putin of Russia</example>
    public string? Title { get; init; }

    /// <summary>Where the source published it, absolute http(s). With the source, it identifies the readout.</summary>
    /// <example>https://www.iletisim.gov.tr/english/haberler/detay/president-erdogan-holds-a-phone-call-with-president-putin-of-russia</example>
    public string? Url { get; init; }

    /// <summary>Two or more leaders on the call: slugs, names or aliases in any script.</summary>
    /// <example>["Erdoğan", "Vladimir Putin"]</example>
    public List<string?>? Leaders { get; init; }

    /// <summary>
    /// What the readout says was discussed, in any language: each label resolves to a subject of the
    /// registry by its names and their inflections (Украина, Ukrayna, Ukraine); a label that matches
    /// none becomes a topic of its own (kind other). Optional: subjects are also found in the text.
    /// </summary>
    /// <example>["Türkiye–Russia relations", "Russia–Ukraine war", "Regional and global issues"]</example>
    public List<string?>? Topics { get; init; }

    /// <summary>What the readout attributes to whom; a null speaker is a joint statement.</summary>
    /// <example>[{"speaker": "Erdoğan", "text": "Türkiye will continue its efforts for the Russia-Ukraine war to end in a just and lasting peace."}, {"speaker": "Erdoğan", "text": "Türkiye stands ready, as before, to contribute to every diplomatic initiative that would ease direct contacts between the parties and open the way to lasting peace."}]</example>
    public List<StatementRequest?>? Statements { get; init; }

    /// <summary>The readout's full text.</summary>
    /// <example>President Recep Tayyip Erdoğan held a phone call with President Vladimir Putin of Russia. Türkiye–Russia relations, the war between Russia and Ukraine, and regional and global issues were discussed. President Erdoğan said Türkiye would continue its efforts for the war to end in a just and lasting peace.</example>
    public string? Body { get; init; }
}

/// <summary>A statement in a posted readout.</summary>
public sealed record StatementRequest
{
    /// <summary>One of the readout's leaders, or null for something the leaders said together.</summary>
    /// <example>Erdoğan</example>
    public string? Speaker { get; init; }

    /// <example>Türkiye will continue its efforts for the Russia-Ukraine war to end in a just and lasting peace.</example>
    public string? Text { get; init; }
}

/// <summary>A leader as a statement's speaker.</summary>
public sealed record SpeakerRef(string Slug, string Name);

public sealed record StatementResponse(SpeakerRef? Speaker, string Text);

/// <summary>A stored readout, linked to its call.</summary>
/// <param name="Id">Readout id.</param>
/// <param name="CallId">The call it tells.</param>
/// <param name="Version">1 when posted, one more for each correction or relink; the ETag is this number, quoted.</param>
/// <param name="UpdatedAt">When this version was written.</param>
/// <param name="Source">Slug of the publishing source.</param>
/// <param name="Language">BCP 47 code of the text.</param>
/// <param name="CallDate">The date of the call as the source gives it.</param>
/// <param name="PublishedAt">When the source published it, in UTC.</param>
/// <param name="Title">The readout's title.</param>
/// <param name="Url">Where the source published it.</param>
/// <param name="Body">The full text.</param>
/// <param name="Leaders">The call's leaders.</param>
/// <param name="Topics">What it says was discussed: its labels, each resolved to a subject (or a topic of its own, kind other).</param>
/// <param name="MentionedTopics">The subjects its title, body and statements name, with the words that name them.</param>
/// <param name="Statements">What it attributes to whom, in order.</param>
/// <param name="CreatedAt">When it was first posted.</param>
public sealed record ReadoutResponse(
    long Id,
    long CallId,
    int Version,
    DateTimeOffset UpdatedAt,
    string Source,
    string Language,
    DateOnly CallDate,
    DateTimeOffset? PublishedAt,
    string Title,
    string Url,
    string Body,
    IReadOnlyList<LeaderRef> Leaders,
    IReadOnlyList<TopicRef> Topics,
    IReadOnlyList<MentionedTopic> MentionedTopics,
    IReadOnlyList<StatementResponse> Statements,
    DateTimeOffset CreatedAt);

/// <summary>A readout in a list: everything but the texts.</summary>
public sealed record ReadoutSummary(
    long Id,
    long CallId,
    string Source,
    string Language,
    DateOnly CallDate,
    DateTimeOffset? PublishedAt,
    string Title,
    string Url);

/// <summary>Where an editor moves a readout.</summary>
public sealed record LinkReadoutRequest
{
    /// <summary>The call to move the readout to (same leaders), or null to give it a call of its own.</summary>
    /// <example>1</example>
    [System.Text.Json.Serialization.JsonRequired]
    public long? CallId { get; init; }
}

/// <summary>One version of a readout in its history.</summary>
/// <param name="Number">The version number; the newest is the readout's current version.</param>
/// <param name="Change">created, corrected, relinked or deleted.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="WrittenBy">The name of the API key that wrote it.</param>
public sealed record RevisionSummary(int Number, string Change, DateTimeOffset WrittenAt, string WrittenBy);

/// <summary>One version of a readout, as GET /api/readouts/{id} showed it then.</summary>
/// <param name="Number">The version number.</param>
/// <param name="Change">created, corrected, relinked or deleted.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="WrittenBy">The name of the API key that wrote it.</param>
/// <param name="Readout">The readout at that version; null for a deletion (the version before it holds the last content).</param>
public sealed record RevisionResponse(int Number, string Change, DateTimeOffset WrittenAt, string WrittenBy, ReadoutResponse? Readout);

/// <summary>Filters for GET /api/readouts.</summary>
public sealed class ReadoutQuery
{
    /// <summary>Source slug.</summary>
    [FromQuery(Name = "source")]
    public string? Source { get; init; }

    /// <summary>A leader on the call: slug, name or alias.</summary>
    [FromQuery(Name = "leader")]
    public string? Leader { get; init; }

    /// <summary>First call date, inclusive (yyyy-MM-dd).</summary>
    [FromQuery(Name = "from")]
    public DateOnly? From { get; init; }

    /// <summary>Last call date, inclusive (yyyy-MM-dd).</summary>
    [FromQuery(Name = "to")]
    public DateOnly? To { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}
