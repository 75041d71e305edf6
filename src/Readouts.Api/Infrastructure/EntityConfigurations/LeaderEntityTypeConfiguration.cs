using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Leaders;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class LeaderEntityTypeConfiguration : IEntityTypeConfiguration<Leader>
{
    public void Configure(EntityTypeBuilder<Leader> builder)
    {
        builder.Property(l => l.Slug).HasMaxLength(100);
        builder.HasIndex(l => l.Slug).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(l => l.Wikidata).HasMaxLength(20);
        builder.HasMany(l => l.Names).WithOne().HasForeignKey(n => n.LeaderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeaderNameEntityTypeConfiguration : IEntityTypeConfiguration<LeaderName>
{
    public void Configure(EntityTypeBuilder<LeaderName> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(200);
        builder.Property(n => n.Key).HasMaxLength(200);
        builder.Property(n => n.LatinKey).HasMaxLength(400);

        // Resolution by exact folded name; uniqueness keeps one name from naming two leaders.
        builder.HasIndex(n => n.Key).IsUnique();

        // Resolution across scripts (equality) and GET /api/leaders?q= (substring, trigram).
        builder.HasIndex(n => n.LatinKey);
        builder.HasIndex(n => n.LatinKey, "ix_leader_names_latin_key_trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
        builder.HasIndex(n => n.LeaderId);
    }
}
