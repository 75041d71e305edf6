using Microsoft.EntityFrameworkCore;

namespace Readouts.Api.Infrastructure;

/// <summary>The stored outcome of a write sent with an Idempotency-Key, replayed for retries.</summary>
public class IdempotencyRecord
{
    /// <summary>The API key's name: keys are scoped to the client that sent them.</summary>
    public required string KeyName { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the operation and the request body: a retry must match it.</summary>
    public required string RequestHash { get; set; }

    public int Status { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public string? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Forgets idempotency records older than <c>Idempotency:RetentionHours</c> (default 24). Every
/// instance runs it; concurrent deletes of the same rows are harmless.
/// </summary>
public sealed class IdempotencyCleanup(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<IdempotencyCleanup> logger)
    : BackgroundService
{
    public TimeSpan Retention => TimeSpan.FromHours(configuration.GetValue("Idempotency:RetentionHours", 24.0));

    /// <summary>Deletes the expired records; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>();
        var before = clock.GetUtcNow() - Retention;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Often enough that a record outlives its retention by at most a tenth of it (an hour at most).
        var interval = TimeSpan.FromTicks(Math.Clamp(Retention.Ticks / 10, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Forgot {Count} idempotency records older than {Retention}", purged, Retention);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting; the next tick tries again.
                logger.LogWarning("Idempotency cleanup failed: {Reason}", e.GetBaseException().Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
