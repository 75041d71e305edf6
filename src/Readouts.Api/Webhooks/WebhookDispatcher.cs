using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Webhooks;

/// <summary>
/// Runs on every instance: numbers committed events (<see cref="EventLog.SequenceAsync"/>), delivers
/// them to the subscriptions due, and drops what is past its retention. Everything it knows is in
/// PostgreSQL (each subscription's last event, failures and next attempt), so a restart of the API
/// or of PostgreSQL loses nothing: what was not recorded as delivered is delivered again. A
/// subscription is leased to one instance at a time (FOR UPDATE SKIP LOCKED, then a lease that
/// expires), so several instances share the work and deliver each event once between them.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    EventSignal signal,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Events handed to one subscription per lease; the next lease carries on.</summary>
    private const int EventsPerLease = 100;

    /// <summary>Between passes when writes keep waking it: many commits, one pass.</summary>
    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(100);

    private readonly string instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private DateTimeOffset nextPrune = DateTimeOffset.MinValue;

    private TimeSpan Lease => options.Value.Timeout + TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL restarting, most likely: nothing is lost, the next pass carries on.
                logger.LogWarning(e, "Webhook pass failed; retrying in {Interval}", options.Value.PollInterval);
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                await Task.Delay(Coalescing, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Hands this instance's leases back, so that another instance carries on at once rather than when they expire.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = {instance}", timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // PostgreSQL is away: the leases expire on their own.
            logger.LogWarning(e, "Could not hand back webhook leases on stopping");
        }
    }

    /// <summary>One round: number, prune (hourly), deliver to the subscriptions due, several at once.</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<EventLog>();
            await log.SequenceAsync(ct);
            if (clock.GetUtcNow() >= nextPrune)
            {
                var retention = TimeSpan.FromDays(configuration.GetValue("Events:RetentionDays", 30));
                await log.PruneAsync(retention, clock.GetUtcNow(), ct);
                var db = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>();
                await db.WebhookDeliveries.Where(d => d.AttemptedAt < clock.GetUtcNow() - retention).ExecuteDeleteAsync(ct);
                nextPrune = clock.GetUtcNow().AddHours(1);
            }
        }

        List<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await ClaimAsync(scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>(), ct);
        }

        await Task.WhenAll(claimed.Select(id => DeliverAsync(id, ct)));
    }

    /// <summary>Leases subscriptions that are due and have events after their last one.</summary>
    private async Task<List<Guid>> ClaimAsync(ReadoutsDbContext db, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + Lease;
        var now = clock.GetUtcNow();
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE webhooks w SET lease_owner = {instance}, lease_until = {until}
            WHERE w.id IN (
                SELECT s.id FROM webhooks s
                WHERE s.disabled_at IS NULL AND s.next_attempt_at <= {now} AND (s.lease_until IS NULL OR s.lease_until < {now})
                    AND EXISTS (SELECT 1 FROM events e WHERE e.id > s.last_event_id)
                ORDER BY s.next_attempt_at
                LIMIT {Math.Max(1, options.Value.Concurrency)}
                FOR UPDATE SKIP LOCKED)
            RETURNING w.id AS "Value"
            """).ToListAsync(ct);
    }

    /// <summary>
    /// Sends a leased subscription its next events in order, recording each attempt. Stops at the
    /// first failure, which sets the back-off (or disables it after failing for DisableAfter).
    /// </summary>
    private async Task DeliverAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>();
            var log = scope.ServiceProvider.GetRequiredService<EventLog>();
            var webhook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.LeaseOwner == instance, ct);
            if (webhook is null)
            {
                return;
            }

            // Every id up to the latest is visible (they are numbered in commit order), so events
            // up to it that match nothing can be passed over for good.
            var latest = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            var types = webhook.EventTypes;
            var leaders = webhook.LeaderIds;
            var due = await db.Events.AsNoTracking()
                .Where(e => e.Id > webhook.LastEventId && e.Id <= latest && types.Contains(e.Type) && (leaders.Length == 0 || e.LeaderIds.Any(l => leaders.Contains(l))))
                .OrderBy(e => e.Id)
                .Take(EventsPerLease)
                .ToListAsync(ct);

            var failures = webhook.Failures;
            foreach (var e in (await log.ToResponsesAsync(due, ct)))
            {
                var result = await sender.SendAsync(webhook.Url, webhook.Secret, e, ct);
                var attempt = failures + 1;
                failures = result.Succeeded ? 0 : failures + 1;
                if (!await RecordAsync(db, webhook, e, attempt, result, ct) || !result.Succeeded)
                {
                    return;
                }
            }

            var passed = due.Count < EventsPerLease ? latest : webhook.LastEventId;
            await db.Database.ExecuteSqlAsync($"""
                UPDATE webhooks SET last_event_id = GREATEST(last_event_id, {passed}), lease_owner = NULL, lease_until = NULL
                WHERE id = {id} AND lease_owner = {instance}
                """, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The lease runs out and the subscription is taken up again, from its last recorded event.
            logger.LogWarning(e, "Delivery to webhook {WebhookId} failed", id);
        }
    }

    /// <summary>
    /// Records an attempt and moves the subscription on (success) or back (failure), in one
    /// transaction; false when the lease was lost or the subscription deleted meanwhile.
    /// </summary>
    private async Task<bool> RecordAsync(ReadoutsDbContext db, Webhook webhook, EventResponse e, int attempt, SendResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            int updated;
            if (result.Succeeded)
            {
                updated = await db.Database.ExecuteSqlAsync($"""
                UPDATE webhooks SET last_event_id = {e.Id}, failures = 0, failing_since = NULL, next_attempt_at = {now}, lease_until = {now + Lease}
                WHERE id = {webhook.Id} AND lease_owner = {instance}
                """, ct);
            }
            else
            {
                var next = now + options.Value.DelayAfter(attempt);
                var disableBefore = now - options.Value.DisableAfter;
                var reason = $"Every attempt failed for at least {options.Value.DisableAfter.TotalHours:0.##} hours; the last, at event {e.Id}: {(result.StatusCode is { } s ? $"status {s}" : result.Error)}.";
                updated = await db.Database.ExecuteSqlAsync($"""
                UPDATE webhooks SET failures = failures + 1, failing_since = COALESCE(failing_since, {now}), next_attempt_at = {next},
                    lease_owner = NULL, lease_until = NULL,
                    disabled_at = CASE WHEN failing_since <= {disableBefore} THEN {now} END,
                    disabled_reason = CASE WHEN failing_since <= {disableBefore} THEN {reason} END
                WHERE id = {webhook.Id} AND lease_owner = {instance}
                """, ct);
            }

            if (updated == 0)
            {
                return false;
            }

            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhook.Id,
                EventId = e.Id,
                EventType = e.Type,
                Attempt = attempt,
                AttemptedAt = now,
                DurationMs = result.DurationMs,
                StatusCode = result.StatusCode,
                Error = result.Error is { Length: > 2000 } error ? error[..2000] : result.Error,
                Succeeded = result.Succeeded,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
    }
}
