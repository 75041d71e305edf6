namespace Readouts.Api.Events;

/// <summary>
/// One change in the feed. Recorded in the transaction that made it into <c>event_queue</c> (by
/// triggers for readouts and calls, see the ChangeFeed migration; by the registry's services for
/// leaders, sources and topics), and moved here, numbered, once committed (<see cref="EventLog.SequenceAsync"/>).
/// </summary>
public class ChangeEvent
{
    /// <summary>Increasing in the order the changes became visible: what clients page by.</summary>
    public long Id { get; set; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public long? ReadoutId { get; set; }

    public long? CallId { get; set; }

    /// <summary>The call a readout left, when it moved.</summary>
    public long? PreviousCallId { get; set; }

    public int? SourceId { get; set; }

    /// <summary>The call's leaders, or the leader a registry event is about: what ?leader= filters on.</summary>
    public int[] LeaderIds { get; set; } = [];

    /// <summary>The readout's version after the change.</summary>
    public int? Version { get; set; }

    /// <summary>The slug of the leader, source or topic a registry event is about.</summary>
    public string? Subject { get; set; }

    /// <summary>What else a registry event says: the alias added, the topics merged.</summary>
    public string[] Names { get; set; } = [];
}

/// <summary>The kinds of change, as clients and webhooks name them.</summary>
public static class EventTypes
{
    public const string ReadoutCreated = "readout.created";
    public const string ReadoutCorrected = "readout.corrected";
    public const string ReadoutDeleted = "readout.deleted";
    public const string ReadoutRelinked = "readout.relinked";
    public const string CallCreated = "call.created";

    /// <summary>A source's account joined a call that another source's tells (or arrived with one): the other side has spoken.</summary>
    public const string CallSourceAdded = "call.source-added";
    public const string CallRemoved = "call.removed";
    public const string TopicCreated = "topic.created";
    public const string TopicAliasAdded = "topic.alias-added";
    public const string TopicMerged = "topic.merged";
    public const string LeaderCreated = "leader.created";
    public const string LeaderAliasAdded = "leader.alias-added";
    public const string SourceCreated = "source.created";

    public static readonly string[] All =
    [
        ReadoutCreated, ReadoutCorrected, ReadoutDeleted, ReadoutRelinked,
        CallCreated, CallSourceAdded, CallRemoved,
        TopicCreated, TopicAliasAdded, TopicMerged,
        LeaderCreated, LeaderAliasAdded, SourceCreated,
    ];
}
