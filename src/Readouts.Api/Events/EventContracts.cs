using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;

namespace Readouts.Api.Events;

/// <summary>Which events, from where in the feed.</summary>
public sealed class EventQuery
{
    /// <summary>The id of the last event you have: the page starts after it (0 or absent: from the oldest kept).</summary>
    [FromQuery(Name = "after")]
    public long? After { get; init; }

    /// <summary>Only events of these types (repeat the parameter, or separate with commas).</summary>
    [FromQuery(Name = "type")]
    public List<string>? Types { get; init; }

    /// <summary>Only events about calls of this leader, or about the leader (slug, name or alias).</summary>
    [FromQuery(Name = "leader")]
    public string? Leader { get; init; }

    /// <summary>Page size, 1–1000 (default 20).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    public static IEnumerable<string> Split(string types) =>
        types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class EventQueryValidator : AbstractValidator<EventQuery>
{
    public EventQueryValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, EventLog.MaxLimit);
        RuleFor(q => q.Types).Must(types => types!.SelectMany(t => EventQuery.Split(t ?? "")).All(EventTypes.All.Contains))
            .When(q => q.Types is not null).OverridePropertyName("type")
            .WithMessage($"Use event types: {string.Join(", ", EventTypes.All)}.");
        RuleFor(q => q.Leader).MaximumLength(200);
    }
}

/// <summary>One change. Which fields are set depends on the type.</summary>
/// <param name="Id">Increasing in the order changes became visible: save the last one you read and ask for what comes after it.</param>
/// <param name="Type">readout.created, readout.corrected, readout.deleted, readout.relinked, call.created, call.source-added, call.removed, topic.created, topic.alias-added, topic.merged, leader.created, leader.alias-added or source.created.</param>
/// <param name="OccurredAt">When the change was written (UTC).</param>
/// <param name="ReadoutId">The readout changed (readout.*), or whose arrival added its source (call.source-added).</param>
/// <param name="CallId">The call changed, or the readout's call after the change.</param>
/// <param name="PreviousCallId">The call a readout left (readout.relinked, a correction that moved it).</param>
/// <param name="Version">The readout's version after the change (its ETag).</param>
/// <param name="Source">The source's slug: the readout's, the one that joined the call, or the one created.</param>
/// <param name="Leaders">The call's leaders, or the leader a leader.* event is about.</param>
/// <param name="Topic">The topic's slug (topic.*): for topic.merged, the one the others were merged into.</param>
/// <param name="Names">The alias added (*.alias-added), or the slugs merged away (topic.merged).</param>
public sealed record EventResponse(
    long Id,
    string Type,
    DateTimeOffset OccurredAt,
    long? ReadoutId,
    long? CallId,
    long? PreviousCallId,
    int? Version,
    string? Source,
    IReadOnlyList<LeaderRef> Leaders,
    string? Topic,
    IReadOnlyList<string> Names)
{
    public static EventResponse Of(ChangeEvent e, RegistryNames.Names known) => new(
        e.Id,
        e.Type,
        e.OccurredAt.ToUniversalTime(),
        e.ReadoutId,
        e.CallId,
        e.PreviousCallId,
        e.Version,
        e.SourceId is { } source && known.Sources.TryGetValue(source, out var slug) ? slug : e.Type == EventTypes.SourceCreated ? e.Subject : null,
        e.LeaderIds.Where(known.Leaders.ContainsKey).Select(id => known.Leaders[id]).ToList(),
        e.Type.StartsWith("topic.", StringComparison.Ordinal) ? e.Subject : null,
        e.Names);
}
