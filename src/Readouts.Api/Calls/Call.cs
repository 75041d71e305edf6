using NpgsqlTypes;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;

namespace Readouts.Api.Calls;

/// <summary>One conversation between two or more leaders, told by one or more readouts.</summary>
public class Call
{
    public long Id { get; set; }

    /// <summary>The earliest date any of its readouts gives.</summary>
    public DateOnly Date { get; set; }

    /// <summary>
    /// The sorted ids of its leaders ("12-57"): what linking looks calls up by, and what the
    /// advisory lock that serialises linking for one set of leaders is derived from.
    /// </summary>
    public required string LeaderKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    // What GET /api/calls filters on, gathered from the call's readouts (by CallLinker.RefreshSql, or
    // by ReadoutImporter from the readouts it inserts), so that every filter is one indexed condition on
    // this table, and the newest-first page can be read off the (date, id) index whichever filter applies.

    /// <summary>Its leaders' ids, sorted.</summary>
    public int[] LeaderIds { get; set; } = [];

    /// <summary>Every topic any of its readouts mentions.</summary>
    public int[] TopicIds { get; set; } = [];

    /// <summary>Every source that published a readout of it.</summary>
    public int[] SourceIds { get; set; } = [];

    /// <summary>Its readouts' search vectors together, each stemmed in its own language.</summary>
    public NpgsqlTsVector? SearchVector { get; set; }

    public List<CallLeader> Leaders { get; set; } = [];

    public List<Readout> Readouts { get; set; } = [];

    public static string KeyFor(IEnumerable<int> leaderIds) =>
        string.Join('-', leaderIds.Distinct().Order());
}

public class CallLeader
{
    public long CallId { get; set; }

    public int LeaderId { get; set; }

    /// <summary>
    /// Its call's place in newest-first order, (date, id) in one number: <see cref="SortKeyOf"/>.
    /// PostgreSQL sets it from the call, and again whenever the call's date moves. A leader's
    /// calls are then one index range in list order, and a pair's calls the merge of two ranges
    /// on one column, which PostgreSQL estimates as it should (on date and id apart, it took the
    /// two columns for independent and chose a hash join: 263 ms for Putin and Erdoğan).
    /// </summary>
    public long SortKey { get; private set; }

    public Leader Leader { get; set; } = null!;

    /// <summary>2^40 call ids a day (a trillion) and every date up to 9999 fit in a bigint.</summary>
    public const int IdBits = 40;

    /// <summary>
    /// The sort key of a call, as the migration's call_sort_key computes it; an id past the bits
    /// (only a forged cursor holds one) stands for the end of its day.
    /// </summary>
    public static long SortKeyOf(DateOnly date, long id) => ((long)date.DayNumber << IdBits) + Math.Min(id, 1L << IdBits);
}
