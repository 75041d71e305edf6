using NpgsqlTypes;
using Readouts.Api.Calls;
using Readouts.Api.Leaders;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>One source's account of one call, in one language.</summary>
public class Readout
{
    public long Id { get; set; }

    public long CallId { get; set; }

    public Call Call { get; set; } = null!;

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

    /// <summary>Title, body and statements, stemmed with <see cref="SearchConfig"/>.</summary>
    public NpgsqlTsVector? SearchVector { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ReadoutTopic> Topics { get; set; } = [];

    public List<Statement> Statements { get; set; } = [];
}

public class ReadoutTopic
{
    public long ReadoutId { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;
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
