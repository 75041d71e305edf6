using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Calls;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class CallEntityTypeConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.Property(c => c.LeaderKey).HasMaxLength(200);
        builder.Property(c => c.CreatedAt).HasDefaultValueSql("now()");

        // Linking: calls with the same leaders within a day of a date.
        builder.HasIndex(c => new { c.LeaderKey, c.Date });

        // GET /api/calls: newest first, keyset-paginated on (date, id), optionally within a date range.
        // The arrays ride along so that walking it for a leader, a pair, a topic or a source, and
        // reading the page, is an index-only scan: the calls themselves are wide (search vector)
        // and stored in posting order, so each one visited would cost a page read of its own.
        builder.HasIndex(c => new { c.Date, c.Id }).IsDescending(true, true)
            .IncludeProperties(c => new { c.LeaderIds, c.TopicIds, c.SourceIds });

        // GET /api/calls?leader= (one or several), ?topic=, ?source= and ?q=. The planner either
        // walks (date, id) newest first checking these, or, for rare values, reads them from GIN and sorts.
        builder.HasIndex(c => c.LeaderIds).HasMethod("gin");
        builder.HasIndex(c => c.TopicIds).HasMethod("gin");
        builder.HasIndex(c => c.SourceIds).HasMethod("gin");
        builder.HasIndex(c => c.SearchVector).HasMethod("gin");

        // The search vector is kept in the row (STORAGE MAIN), not in TOAST, so that a ?q= walk tests
        // each call without extra lookups. EF has no setting for it: see the InlineCallSearchVector migration.

        builder.HasMany(c => c.Leaders).WithOne().HasForeignKey(l => l.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Readouts).WithOne(r => r.Call).HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CallLeaderEntityTypeConfiguration : IEntityTypeConfiguration<CallLeader>
{
    public void Configure(EntityTypeBuilder<CallLeader> builder)
    {
        builder.HasKey(l => new { l.CallId, l.LeaderId });

        // GET /api/calls?leader= and GET /api/leaders/{slug}/calls.
        builder.HasIndex(l => new { l.LeaderId, l.CallId });
        builder.HasOne(l => l.Leader).WithMany().HasForeignKey(l => l.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}
