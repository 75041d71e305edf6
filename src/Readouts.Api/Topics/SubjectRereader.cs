using Microsoft.EntityFrameworkCore;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

/// <summary>
/// Brings the registry up to the code's rules once (<see cref="RegistryUpgrade"/>), then reads
/// again, in the background, the subjects of readouts marked <see cref="Readout.SubjectsStale"/>:
/// every readout stored before subjects existed (so an upgraded database gains them), and those a
/// newly added alias may be found in. Each batch resolves the readouts' labels and finds their
/// mentions by the same rules as a post, under their calls' linking locks. Several instances
/// share the work: a readout another one is reading is skipped.
/// </summary>
public sealed class SubjectRereader(IServiceScopeFactory scopes, RegistryUpgrade upgrade, ILogger<SubjectRereader> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Readouts were marked: read them now rather than at the next periodic look.</summary>
    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var upgraded = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Once, before the first readouts: their labels resolve to the topics it leaves.
                if (!upgraded)
                {
                    await upgrade.RunAsync(stoppingToken);
                    upgraded = true;
                }

                var total = 0;
                for (int read; (read = await RereadBatchAsync(stoppingToken)) > 0;)
                {
                    total += read;
                    if (total % 10_000 < BatchSize)
                    {
                        logger.LogInformation("Subjects read again for {Readouts} readouts so far", total);
                    }
                }

                if (total > 0)
                {
                    logger.LogInformation("Subjects read again for {Readouts} readouts", total);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Reading subjects again failed: {Reason}", e.GetBaseException().Message);
            }

            try
            {
                await wake.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record StaleRow(long Id, string LeaderKey);

    /// <summary>Reads one batch again; returns how many stale readouts it found (0: none left).</summary>
    public async Task<int> RereadBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ReadoutsDbContext>();
        var linker = services.GetRequiredService<CallLinker>();
        var tagger = services.GetRequiredService<SubjectTagger>();
        var topics = services.GetRequiredService<TopicService>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
            // Deleted readouts have no subjects to read.
            await db.Database.ExecuteSqlAsync($"UPDATE readouts SET subjects_stale = false WHERE subjects_stale AND call_id IS NULL", attemptCt);
            var stale = await db.Database.SqlQuery<StaleRow>($"""
                SELECT r.id, c.leader_key FROM readouts r JOIN calls c ON c.id = r.call_id
                WHERE r.subjects_stale ORDER BY r.id LIMIT {BatchSize}
                """).ToListAsync(attemptCt);
            if (stale.Count == 0)
            {
                await transaction.CommitAsync(attemptCt);
                return 0;
            }

            // The linking locks first, as every write takes them, then the rows: a correction of one of these waits, or is waited for.
            await linker.LockAsync(stale.Select(s => s.LeaderKey), attemptCt);
            var wanted = stale.Select(s => s.Id).ToArray();
            var ids = await db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM readouts WHERE id = ANY({wanted}) AND subjects_stale FOR UPDATE SKIP LOCKED").ToListAsync(attemptCt);
            var readouts = await db.Readouts.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    CallId = r.CallId!.Value,
                    r.Language,
                    r.Title,
                    r.Body,
                    Statements = r.Statements.OrderBy(s => s.Position).Select(s => s.Text).ToList(),
                    Labels = r.Topics.SelectMany(t => t.Labels).ToList(),
                    r.Call!.LeaderIds,
                })
                .ToListAsync(attemptCt);
            var leaderIds = readouts.SelectMany(r => r.LeaderIds).Distinct().ToList();
            var countries = await db.Leaders.Where(l => leaderIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Country, attemptCt);

            var tagged = await tagger.TagAsync(db, readouts.Select(r => new SubjectTagger.Item(
                r.Language,
                r.Labels.DistinctBy(NameKey.Fold).ToList(),
                [r.Title, r.Body, .. r.Statements],
                r.LeaderIds.Select(id => countries[id]).ToList())).ToList(), attemptCt);
            var newLabels = await topics.EnsureOthersAsync(tagged.SelectMany(t => t.NewLabels), attemptCt);

            await db.ReadoutTopics.Where(t => ids.Contains(t.ReadoutId)).ExecuteDeleteAsync(attemptCt);
            db.ReadoutTopics.AddRange(readouts.SelectMany((r, i) => tagged[i].Rows(r.Id, newLabels)));
            await db.SaveChangesAsync(attemptCt);
            await db.Readouts.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(r => r.SetProperty(x => x.SubjectsStale, false), attemptCt);
            await linker.RefreshTopicsAsync(readouts.Select(r => r.CallId).Distinct().ToArray(), attemptCt);
            await transaction.CommitAsync(attemptCt);
            return stale.Count;
        }, ct);
    }
}
