using FluentValidation;
using Readouts.Api.Events;
using Readouts.Api.Leaders;

namespace Readouts.Api.Webhooks;

/// <summary>A subscription to the change feed.</summary>
public sealed record CreateWebhookRequest
{
    /// <summary>Where to POST each event: absolute http(s), a public address.</summary>
    /// <example>https://newsroom.example/hooks/readouts</example>
    public string? Url { get; init; }

    /// <summary>The event types to send (see GET /api/events).</summary>
    /// <example>["call.source-added", "readout.corrected"]</example>
    public List<string?>? Events { get; init; }

    /// <summary>Only events about calls of any of these leaders (slugs, names or aliases); all when absent.</summary>
    /// <example>["Erdoğan"]</example>
    public List<string?>? Leaders { get; init; }
}

internal sealed class CreateWebhookRequestValidator : AbstractValidator<CreateWebhookRequest>
{
    public CreateWebhookRequestValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2048).Must(u => WebhookTargets.ProblemWith(u) is null)
            .WithMessage(r => WebhookTargets.ProblemWith(r.Url));
        RuleFor(r => r.Events).NotEmpty().Must(e => e!.Count <= EventTypes.All.Length * 2);
        RuleForEach(r => r.Events).Must(t => t is not null && EventTypes.All.Contains(t))
            .WithMessage($"Use event types: {string.Join(", ", EventTypes.All)}.");
        RuleFor(r => r.Leaders).Must(l => l is null || l.Count <= 20).WithMessage("At most 20 leaders.");
        RuleForEach(r => r.Leaders).NotEmpty().MaximumLength(200);
    }
}

/// <summary>A subscription and how its deliveries go.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Url">Where events are sent.</param>
/// <param name="Events">The event types sent.</param>
/// <param name="Leaders">Only events about these leaders' calls; empty for all.</param>
/// <param name="Secret">The signing secret (Standard Webhooks, whsec_…): only in the answer to the POST that subscribed; keep it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Status">active, retrying (the last attempt failed; see nextAttemptAt) or disabled.</param>
/// <param name="LastEventId">The last event delivered or passed over: delivery goes on after it.</param>
/// <param name="Failures">Failed attempts in a row.</param>
/// <param name="FailingSince">When the current run of failures began.</param>
/// <param name="NextAttemptAt">When the next attempt is due, while retrying.</param>
/// <param name="DisabledAt">When it was disabled, after failing for Webhooks__DisableAfter (24 hours).</param>
/// <param name="DisabledReason">Why it was disabled.</param>
public sealed record WebhookResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    IReadOnlyList<LeaderRef> Leaders,
    string? Secret,
    DateTimeOffset CreatedAt,
    string Status,
    long LastEventId,
    int Failures,
    DateTimeOffset? FailingSince,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DisabledAt,
    string? DisabledReason);

/// <summary>One attempt to deliver one event.</summary>
/// <param name="Id">The attempt's id.</param>
/// <param name="EventId">The event's id (and webhook-id, evt_ and this number).</param>
/// <param name="Attempt">1 for the first attempt at this event, 2 for its first retry, …</param>
/// <param name="EventType">The event's type.</param>
/// <param name="AttemptedAt">When it was sent.</param>
/// <param name="Succeeded">Whether the receiver answered 2xx in time.</param>
/// <param name="StatusCode">The receiver's answer; null when there was none (see error).</param>
/// <param name="Error">What went wrong without an answer: timeout, refused address, connection error.</param>
/// <param name="DurationMs">From connecting to the answer's headers.</param>
public sealed record DeliveryResponse(
    long Id,
    long EventId,
    string EventType,
    int Attempt,
    DateTimeOffset AttemptedAt,
    bool Succeeded,
    int? StatusCode,
    string? Error,
    int DurationMs);
