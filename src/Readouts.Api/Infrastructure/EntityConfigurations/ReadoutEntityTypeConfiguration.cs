using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Readouts;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class ReadoutEntityTypeConfiguration : IEntityTypeConfiguration<Readout>
{
    public void Configure(EntityTypeBuilder<Readout> builder)
    {
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.Title).HasMaxLength(1000);
        builder.Property(r => r.Url).HasMaxLength(2048);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.Property(r => r.SearchConfig).HasMaxLength(64);
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(r => r.UpdatedAt).HasDefaultValueSql("now()");
        builder.Property(r => r.Change).HasMaxLength(20);
        builder.Property(r => r.UpdatedBy).HasMaxLength(100);

        // A correction must start from the version it read: UPDATE … WHERE version = @read.
        builder.Property(r => r.Version).IsConcurrencyToken();

        // Deleted readouts are kept for their history but are in no call and no query.
        builder.HasQueryFilter(r => r.DeletedAt == null);

        // The natural key: one live readout per source and URL; resends are detected through it.
        builder.HasIndex(r => new { r.SourceId, r.Url }).IsUnique().HasFilter("deleted_at IS NULL");

        // Calls' readouts, and the linking rule "no readout yet from this source in this language".
        builder.HasIndex(r => r.CallId);

        // GET /api/readouts, newest first, keyset on (call_date, id).
        builder.HasIndex(r => new { r.CallDate, r.Id }).IsDescending(true, true);

        // GET /api/readouts?source=, newest first.
        builder.HasIndex(r => new { r.SourceId, r.CallDate, r.Id }).IsDescending(false, true, true);

        // SubjectRereader's queue: the few readouts whose subjects are to be read again.
        builder.HasIndex(r => r.Id, "ix_readouts_subjects_stale").HasDatabaseName("ix_readouts_subjects_stale").HasFilter("subjects_stale");

        builder.HasOne(r => r.Source).WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Topics).WithOne().HasForeignKey(t => t.ReadoutId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Statements).WithOne().HasForeignKey(s => s.ReadoutId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReadoutRevisionEntityTypeConfiguration : IEntityTypeConfiguration<ReadoutRevision>
{
    public void Configure(EntityTypeBuilder<ReadoutRevision> builder)
    {
        // GET /api/readouts/{id}/revisions and /revisions/{n}.
        builder.HasKey(r => new { r.ReadoutId, r.Number });
        builder.Property(r => r.Change).HasMaxLength(20);
        builder.Property(r => r.WrittenBy).HasMaxLength(100);
        builder.Property(r => r.Snapshot).HasColumnType("jsonb");
        builder.HasOne<Readout>().WithMany().HasForeignKey(r => r.ReadoutId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReadoutTopicEntityTypeConfiguration : IEntityTypeConfiguration<ReadoutTopic>
{
    public void Configure(EntityTypeBuilder<ReadoutTopic> builder)
    {
        builder.HasKey(t => new { t.ReadoutId, t.TopicId });

        // Not for a query (GET /api/calls?topic= reads the calls' own topic ids): the foreign key's
        // index, so that deleting a topic, refused while a readout names it, does not scan them all.
        builder.HasIndex(t => new { t.TopicId, t.ReadoutId });
        builder.HasOne(t => t.Topic).WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementEntityTypeConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.HasIndex(s => new { s.ReadoutId, s.Position }).IsUnique();
        // The foreign key's index, as for a readout's topics: no query looks statements up by speaker.
        builder.HasIndex(s => s.SpeakerId);
        builder.HasOne(s => s.Speaker).WithMany().HasForeignKey(s => s.SpeakerId).OnDelete(DeleteBehavior.Restrict);
    }
}
