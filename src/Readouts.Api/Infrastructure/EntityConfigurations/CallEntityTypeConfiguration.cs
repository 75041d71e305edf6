using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Calls;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class CallEntityTypeConfiguration : IEntityTypeConfiguration<Call>
{
    private const string GinPendingListLimit = "gin_pending_list_limit";
    private const int GinPendingListKilobytes = 256;

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
        // Each keeps a short pending list (256 kB, not PostgreSQL's 4 MB): between vacuums, every
        // read through a GIN index scans the entries written since, and a rare leader's page took
        // 3.6 times as long with 1.3 MB of them. Writers merge smaller lists more often, in shorter stalls.
        builder.HasIndex(c => c.LeaderIds).HasMethod("gin").HasStorageParameter(GinPendingListLimit, GinPendingListKilobytes);
        builder.HasIndex(c => c.TopicIds).HasMethod("gin").HasStorageParameter(GinPendingListLimit, GinPendingListKilobytes);
        builder.HasIndex(c => c.SourceIds).HasMethod("gin").HasStorageParameter(GinPendingListLimit, GinPendingListKilobytes);
        builder.HasIndex(c => c.SearchVector).HasMethod("gin").HasStorageParameter(GinPendingListLimit, GinPendingListKilobytes);

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

        // GET /api/calls?leader= and GET /api/leaders/{slug}/calls: a leader's calls in list order, with
        // the call's id, so that a page reads only this index and the 21 calls' entries in ix_calls_date_id.
        builder.Property(l => l.SortKey).ValueGeneratedOnAddOrUpdate();
        builder.HasIndex(l => new { l.LeaderId, l.SortKey }).IncludeProperties(l => l.CallId);
        builder.HasOne(l => l.Leader).WithMany().HasForeignKey(l => l.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}
