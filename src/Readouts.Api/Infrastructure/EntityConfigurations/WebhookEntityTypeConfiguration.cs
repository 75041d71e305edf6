using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readouts.Api.Webhooks;

namespace Readouts.Api.Infrastructure.EntityConfigurations;

internal sealed class WebhookEntityTypeConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Owner).HasMaxLength(100);
        builder.Property(w => w.Url).HasMaxLength(2048);
        builder.Property(w => w.Secret).HasMaxLength(100);
        builder.Property(w => w.LeaseOwner).HasMaxLength(200);
        builder.Property(w => w.DisabledReason).HasMaxLength(2000);

        // GET /api/webhooks: a key's subscriptions.
        builder.HasIndex(w => new { w.Owner, w.Id });

        builder.HasMany<WebhookDelivery>().WithOne().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.Error).HasMaxLength(2000);

        // GET /api/webhooks/{id}/deliveries: newest first.
        builder.HasIndex(d => new { d.WebhookId, d.Id }).IsDescending(false, true);

        // The cleanup's range delete.
        builder.HasIndex(d => d.AttemptedAt);
    }
}
