using Microsoft.EntityFrameworkCore;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;

namespace Readouts.Api.Events;

/// <summary>
/// The change feed: events recorded with their changes, numbered in the order they became visible,
/// read by GET /api/events and by the webhooks, kept <c>Events:RetentionDays</c> (30 by default).
/// </summary>
public sealed class EventLog(ReadoutsDbContext db, RegistryNames names, LeaderResolver leaders)
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// Records a registry change in the current transaction, so that it commits with the change.
    /// Readouts' and calls' changes are recorded by triggers (the ChangeFeed migration).
    /// </summary>
    public Task RecordAsync(string type, string subject, int[]? leaderIds = null, int? sourceId = null, string[]? details = null, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO event_queue (type, subject, leader_ids, source_id, names)
            VALUES ({type}, {subject}, {leaderIds ?? []}, {sourceId}, {details ?? []})
            """, ct);

    /// <summary>
    /// Moves the committed events of <c>event_queue</c> into the feed, numbered in the order they
    /// were written, and commits. A sequence hands out numbers when they are asked for, not at
    /// commit: two writers could commit 8 after 9, and a reader that had seen 9 would never see 8.
    /// Numbered here, one pass at a time (a transaction-scoped advisory lock across instances),
    /// every pass's numbers are above those of every pass committed before it, and a reader that
    /// saved the last id it saw never misses or repeats one. Runs before every read of the feed, so
    /// that a client sees its own writes, and in the background (<see cref="Webhooks.WebhookDispatcher"/>).
    /// The queue keeps writes cheap: a write adds one row to a table with one index, rather than
    /// rows to the feed's five indexes, and again when numbered (posts: see docs/benchmarks.md).
    /// </summary>
    public async Task<int> SequenceAsync(CancellationToken ct)
    {
        var total = 0;
        while (await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM event_queue) AS \"Value\"").SingleAsync(ct))
        {
            var numbered = await db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SequencerLock}, 0)", attemptCt);
                // The projection numbers the rows in the order of its input (nextval per output row).
                var count = await db.Database.ExecuteSqlRawAsync("""
                    WITH moved AS (
                        DELETE FROM event_queue WHERE seq IN (SELECT seq FROM event_queue ORDER BY seq LIMIT 10000) RETURNING *)
                    INSERT INTO events (id, type, occurred_at, readout_id, call_id, previous_call_id, source_id, leader_ids, version, subject, names)
                    SELECT nextval('event_ids'), type, occurred_at, readout_id, call_id, previous_call_id, source_id, leader_ids, version, subject, names
                    FROM (SELECT * FROM moved ORDER BY seq) AS m
                    """, attemptCt);
                await transaction.CommitAsync(attemptCt);
                return count;
            }, ct);
            total += numbered;
            if (numbered < 10000)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>The two-key form keeps this lock apart from the linking and idempotency locks, which take one key.</summary>
    private const int SequencerLock = 26;

    /// <summary>The id of the latest event, after numbering what is committed: where a new subscriber starts.</summary>
    public async Task<long> LatestIdAsync(CancellationToken ct)
    {
        await SequenceAsync(ct);
        return await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
    }

    public async Task<Page<EventResponse>> ListAsync(EventQuery query, CancellationToken ct)
    {
        await SequenceAsync(ct);
        var limit = query.Limit ?? Paging.DefaultLimit;
        var after = query.After ?? 0;
        var events = db.Events.AsNoTracking().Where(e => e.Id > after);
        if (query.Types is { Count: > 0 } types)
        {
            var wanted = types.SelectMany(EventQuery.Split).Distinct().ToArray();
            events = events.Where(e => wanted.Contains(e.Type));
        }

        if (query.Leader is not null)
        {
            int[] leader = [(await leaders.ResolveAsync("leader", query.Leader, ct)).Id];
            events = events.Where(e => e.LeaderIds.Contains(leader[0]));
        }

        var rows = await events.OrderBy(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var page = await ToResponsesAsync(rows, ct);
        return page.Count > limit
            ? new Page<EventResponse>(page[..limit], page[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new Page<EventResponse>(page, null);
    }

    /// <summary>Events as clients see them: leaders and sources by slug.</summary>
    public async Task<List<EventResponse>> ToResponsesAsync(IReadOnlyList<ChangeEvent> rows, CancellationToken ct)
    {
        var known = await names.NamesAsync(db, rows.SelectMany(e => e.LeaderIds), [], rows.Where(e => e.SourceId is not null).Select(e => e.SourceId!.Value), ct);
        return rows.Select(e => EventResponse.Of(e, known)).ToList();
    }

    /// <summary>Deletes events older than the retention, oldest first, a batch at a time.</summary>
    public async Task<int> PruneAsync(TimeSpan retention, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - retention;
        var total = 0;
        int deleted;
        do
        {
            // Walks the feed from its start by the id index: events are numbered close to their
            // time, so the old ones are its first rows, and no index on the time is needed.
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 5000) AND occurred_at < {cutoff}
                """, ct);
            total += deleted;
        }
        while (deleted == 5000);

        return total;
    }
}
