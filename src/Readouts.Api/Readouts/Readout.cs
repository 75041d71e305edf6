using Readouts.Api.Calls;
using Readouts.Api.Leaders;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>One source's account of one call, in one language.</summary>
public class Readout
{
    public long Id { get; set; }

    /// <summary>The call it tells; null once the readout is deleted.</summary>
    public long? CallId { get; set; }

    public Call? Call { get; set; }

    public int SourceId { get; set; }

    public Source Source { get; set; } = null!;

    /// <summary>BCP 47 code, normalised (<c>tr</c>, <c>en-GB</c>).</summary>
    public required string Language { get; set; }

    /// <summary>The date as the source gives it, in its own time zone.</summary>
    public DateOnly CallDate { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public required string Title { get; set; }

    public required string Url { get; set; }

    public required string Body { get; set; }

    /// <summary>Hash of the resolved content: tells an identical resend from a conflicting one.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The PostgreSQL text search configuration for <see cref="Language"/>.</summary>
    public required string SearchConfig { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>1 when posted; every correction, relink and the deletion add one. The ETag.</summary>
    public int Version { get; set; } = 1;

    /// <summary>What made the current version: <see cref="ReadoutChange"/>.</summary>
    public required string Change { get; set; }

    /// <summary>When the current version was written.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The name of the API key that wrote the current version.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>Set by DELETE: the readout leaves its call and every query, but keeps its history.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>
    /// Its subjects are to be read again (by <see cref="Topics.SubjectRereader"/>): set for every
    /// readout stored before subjects existed, and for those a new alias may be found in.
    /// </summary>
    public bool SubjectsStale { get; set; }

    public List<ReadoutTopic> Topics { get; set; } = [];

    public List<Statement> Statements { get; set; } = [];
}

/// <summary>The kinds of change a revision records.</summary>
public static class ReadoutChange
{
    public const string Created = "created";
    public const string Corrected = "corrected";
    public const string Relinked = "relinked";
    public const string Deleted = "deleted";
}

/// <summary>
/// A superseded version of a readout, as GET /api/readouts/{id} showed it then. The current
/// version lives in the readout itself, so readouts never corrected cost no history rows.
/// </summary>
public class ReadoutRevision
{
    public long ReadoutId { get; set; }

    /// <summary>The readout's <see cref="Readout.Version"/> at the time.</summary>
    public int Number { get; set; }

    public required string Change { get; set; }

    public DateTimeOffset WrittenAt { get; set; }

    public required string WrittenBy { get; set; }

    /// <summary>The readout's JSON representation at that version (jsonb).</summary>
    public required string Snapshot { get; set; }
}

/// <summary>
/// A subject of a readout: labelled by its source (<see cref="Labels"/>), found in its text
/// (<see cref="Mentions"/>), or both. Both count for the comparison and for GET /api/calls?topic=.
/// </summary>
public class ReadoutTopic
{
    public long ReadoutId { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;

    /// <summary>The labels the source gave that resolved to this subject, as written; empty when it only mentions it.</summary>
    public string[] Labels { get; set; } = [];

    /// <summary>The words that name the subject in the readout's title, body and statements, as written there.</summary>
    public string[] Mentions { get; set; } = [];
}

/// <summary>Something the readout says was said: by one of the call's leaders, or jointly (no speaker).</summary>
public class Statement
{
    public long Id { get; set; }

    public long ReadoutId { get; set; }

    /// <summary>Order within the readout.</summary>
    public int Position { get; set; }

    public int? SpeakerId { get; set; }

    public Leader? Speaker { get; set; }

    public required string Text { get; set; }
}
