using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Events;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class ChangeEventEntityTypeConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.ToTable("events");
        // GET /api/events?after= and every webhook's next events: the feed in order. Given by
        // EventLog.SequenceAsync from the sequence event_ids, never by an insert's default.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.OccurredAt).HasDefaultValueSql("now()");
        builder.Property(e => e.LeaderIds).HasDefaultValueSql("'{}'");
        builder.Property(e => e.Names).HasDefaultValueSql("'{}'");
        builder.Property(e => e.Subject).HasMaxLength(200);

        // GET /api/events?type=: one type's events in order.
        builder.HasIndex(e => new { e.Type, e.Id });

        // GET /api/events?leader=, and webhooks limited to leaders.
        builder.HasIndex(e => e.LeaderIds).HasMethod("gin");

        // The Atom feed's entries: when each call last changed, a readout leaving it included.
        builder.HasIndex(e => new { e.CallId, e.Id });
        builder.HasIndex(e => e.PreviousCallId).HasFilter("previous_call_id IS NOT NULL");
    }
}
