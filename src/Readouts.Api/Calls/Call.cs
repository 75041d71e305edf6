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

    public List<CallLeader> Leaders { get; set; } = [];

    public List<Readout> Readouts { get; set; } = [];

    public static string KeyFor(IEnumerable<int> leaderIds) =>
        string.Join('-', leaderIds.Distinct().Order());
}

public class CallLeader
{
    public long CallId { get; set; }

    public int LeaderId { get; set; }

    public Leader Leader { get; set; } = null!;
}
