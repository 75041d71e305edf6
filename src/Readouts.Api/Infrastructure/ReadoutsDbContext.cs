using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Events;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Sources;
using Readouts.Api.Topics;
using Readouts.Api.Webhooks;

namespace Readouts.Api.Infrastructure;

public class ReadoutsDbContext(DbContextOptions<ReadoutsDbContext> options) : DbContext(options)
{
    public DbSet<Leader> Leaders => Set<Leader>();

    public DbSet<LeaderName> LeaderNames => Set<LeaderName>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<TopicName> TopicNames => Set<TopicName>();

    public DbSet<TopicRedirect> TopicRedirects => Set<TopicRedirect>();

    public DbSet<Call> Calls => Set<Call>();

    public DbSet<CallLeader> CallLeaders => Set<CallLeader>();

    public DbSet<Readout> Readouts => Set<Readout>();

    public DbSet<ReadoutTopic> ReadoutTopics => Set<ReadoutTopic>();

    public DbSet<Statement> Statements => Set<Statement>();

    public DbSet<ReadoutRevision> ReadoutRevisions => Set<ReadoutRevision>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<ChangeEvent> Events => Set<ChangeEvent>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>
    /// Statements to send in one round trip, on this context's connection and in its transaction
    /// if one is open: for the hand-written SQL of the write and read paths.
    /// </summary>
    public NpgsqlBatch NewBatch() =>
        new((NpgsqlConnection)Database.GetDbConnection(), (NpgsqlTransaction?)Database.CurrentTransaction?.GetDbTransaction());

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes back leader and topic search and "did you mean" suggestions.
        modelBuilder.HasPostgresExtension("pg_trgm");
        // The exclusion constraint on topic names' folded forms (equal keys, different topics) needs = in a GiST index.
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReadoutsDbContext).Assembly);
    }
}
