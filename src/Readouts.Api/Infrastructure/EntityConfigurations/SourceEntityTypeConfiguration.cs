using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Sources;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class SourceEntityTypeConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(100);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(s => s.Url).HasMaxLength(2048);
    }
}
