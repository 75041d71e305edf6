using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Topics;

namespace Readouts.Api.Calls;

/// <summary>A call in a list.</summary>
/// <param name="Id">Call id.</param>
/// <param name="Date">The earliest date its readouts give.</param>
/// <param name="Leaders">Who was on the call.</param>
/// <param name="Topics">Every subject any of its readouts labels or names in its text.</param>
/// <param name="Sources">Slugs of the sources that published a readout of it.</param>
public sealed record CallSummary(long Id, DateOnly Date, IReadOnlyList<LeaderRef> Leaders, IReadOnlyList<TopicRef> Topics, IReadOnlyList<string> Sources);

/// <summary>A call with every readout of it.</summary>
public sealed record CallDetails(long Id, DateOnly Date, IReadOnlyList<LeaderRef> Leaders, IReadOnlyList<TopicRef> Topics, IReadOnlyList<ReadoutResponse> Readouts);

/// <summary>Filters for GET /api/calls. All given filters must hold.</summary>
public sealed class CallQuery
{
    /// <summary>A leader on the call (slug, name or alias); repeat it for calls with all of them.</summary>
    [FromQuery(Name = "leader")]
    public string[]? Leader { get; init; }

    /// <summary>First date, inclusive (yyyy-MM-dd).</summary>
    [FromQuery(Name = "from")]
    public DateOnly? From { get; init; }

    /// <summary>Last date, inclusive (yyyy-MM-dd).</summary>
    [FromQuery(Name = "to")]
    public DateOnly? To { get; init; }

    /// <summary>A subject some readout of the call labels or names in its text: a slug, or a name or alias in any language (Ukraine, Украина, Ukrayna, 乌克兰).</summary>
    [FromQuery(Name = "topic")]
    public string? Topic { get; init; }

    /// <summary>Slug of a source that published a readout of the call.</summary>
    [FromQuery(Name = "source")]
    public string? Source { get; init; }

    /// <summary>Full text over titles, bodies and statements, stemmed in each readout's language; supports "quoted phrases", OR and -exclusion.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}
