using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Topics;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class TopicEntityTypeConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        // GET /api/topics/{slug} and GET /api/calls?topic= by slug.
        builder.Property(t => t.Slug).HasMaxLength(200);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Kind).HasMaxLength(20).HasDefaultValue(TopicKind.Other);

        // One topic per Wikidata item and per country: POST /api/topics answers 409 for a second.
        builder.Property(t => t.Wikidata).HasMaxLength(20);
        builder.HasIndex(t => t.Wikidata).IsUnique().HasFilter("wikidata IS NOT NULL");
        builder.Property(t => t.Country).HasMaxLength(2).IsFixedLength();
        builder.HasIndex(t => t.Country).IsUnique().HasFilter("country IS NOT NULL");

        builder.HasMany(t => t.Names).WithOne().HasForeignKey(n => n.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TopicNameEntityTypeConfiguration : IEntityTypeConfiguration<TopicName>
{
    public void Configure(EntityTypeBuilder<TopicName> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(200);
        builder.Property(n => n.Key).HasMaxLength(200);
        builder.Property(n => n.LatinKey).HasMaxLength(400);

        // One row per spelling. A label's resolution by its folded form; the TopicSubjects migration
        // adds the exclusion constraint that keeps a folded form from naming two topics (EF has no
        // model for one).
        builder.HasIndex(n => n.Text).IsUnique();
        builder.HasIndex(n => n.Key);

        // GET /api/topics?q=: part of a name in its own script, or transliterated (trigrams).
        builder.HasIndex(n => n.Key, "ix_topic_names_key_trgm").HasDatabaseName("ix_topic_names_key_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(n => n.LatinKey, "ix_topic_names_latin_key_trgm").HasDatabaseName("ix_topic_names_latin_key_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");

        // A topic's names, for GET /api/topics/{slug} and a merge.
        builder.HasIndex(n => n.TopicId);
    }
}

internal sealed class TopicRedirectEntityTypeConfiguration : IEntityTypeConfiguration<TopicRedirect>
{
    public void Configure(EntityTypeBuilder<TopicRedirect> builder)
    {
        // GET /api/topics/{merged-slug} answers 308 to the topic it was merged into.
        builder.HasKey(r => r.Slug);
        builder.Property(r => r.Slug).HasMaxLength(200);

        // A later merge of the target moves its redirects along.
        builder.HasIndex(r => r.TopicId);
        builder.HasOne<Topic>().WithMany().HasForeignKey(r => r.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
