namespace Readouts.Api.Webhooks;

/// <summary>
/// A subscription: events of some types (and leaders) sent to a URL, in event order, signed with
/// its secret. Its place in the feed (<see cref="LastEventId"/>) and its retry state live here, so
/// that any instance can carry on after another, or after a restart.
/// </summary>
public class Webhook
{
    public Guid Id { get; set; }

    /// <summary>The name of the API key that subscribed: only it sees, and may delete, the subscription.</summary>
    public required string Owner { get; set; }

    public required string Url { get; set; }

    public string[] EventTypes { get; set; } = [];

    /// <summary>Only events about calls of these leaders (any of them); empty for all.</summary>
    public int[] LeaderIds { get; set; } = [];

    /// <summary>Standard Webhooks secret, <c>whsec_</c> and base64: shown once, when subscribing.</summary>
    public required string Secret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last event delivered (or passed over as not matching); the next starts after it.</summary>
    public long LastEventId { get; set; }

    /// <summary>When the next attempt may be made: now, or after a failure's back-off.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Failed attempts in a row, at the event after <see cref="LastEventId"/>.</summary>
    public int Failures { get; set; }

    /// <summary>The first failure of the current run of failures; null when the last attempt succeeded.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>The instance delivering for it now, until <see cref="LeaseUntil"/>: one at a time.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>One attempt to deliver one event to a subscription.</summary>
public class WebhookDelivery
{
    public long Id { get; set; }

    public Guid WebhookId { get; set; }

    public long EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>1 for the first attempt at this event, 2 for its first retry, …</summary>
    public int Attempt { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    public int DurationMs { get; set; }

    /// <summary>The receiver's status code; null when there was no answer (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public bool Succeeded { get; set; }
}
