using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Readouts.Api.Infrastructure;

/// <summary>Who writes (the API key's name), what operation, and the client's Idempotency-Key if any.</summary>
public sealed record WriteContext(string KeyName, string Operation, string? IdempotencyKey)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Writes the API makes itself, such as loading the samples.</summary>
    public static WriteContext System(string operation) => new("system", operation, null);

    public static WriteContext Of(HttpContext http)
    {
        string? key = http.Request.Headers[IdempotencyKeyHeader];
        if (key is not null && (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~')))
        {
            throw new ApiProblemException(
                StatusCodes.Status400BadRequest,
                "One or more validation errors occurred.",
                errors: new Dictionary<string, string[]> { [IdempotencyKeyHeader] = ["Use 1 to 255 visible ASCII characters, such as a UUID."] });
        }

        return new WriteContext(http.User.Identity?.Name ?? "anonymous", $"{http.Request.Method} {http.Request.Path}", key);
    }
}

/// <summary>
/// The answer to a write, already serialised, so that a replay sends the very bytes the first
/// request got.
/// </summary>
public sealed record WriteOutcome(int Status, string? Json, string? Location = null, string? ETag = null, bool Replayed = false)
{
    public static WriteOutcome Of(int status, object value, string? location = null, string? etag = null) =>
        new(status, JsonSerializer.Serialize(value, ApiJson.Options), location, etag);
}

/// <summary>
/// Runs one write as a single transaction that is retried as a whole when PostgreSQL drops the
/// connection or is restarting. With an Idempotency-Key, the outcome is stored in that same
/// transaction, so it exists exactly when the write does, and a retry with the key gets it back.
/// </summary>
public sealed class UnitOfWork(ReadoutsDbContext db, TimeProvider clock)
{
    /// <param name="writer">Who writes, and the idempotency key if the client sent one.</param>
    /// <param name="request">The bound request: with the operation, what a retry must repeat exactly.</param>
    /// <param name="work">The write. It may run more than once, so it must build its entities afresh.</param>
    /// <param name="ct">Cancels the write (the client went away); the transaction then rolls back.</param>
    public Task<WriteOutcome> RunAsync(WriteContext writer, object? request, Func<CancellationToken, Task<WriteOutcome>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
        {
            // A failed attempt may leave entities behind; each attempt starts clean.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
            // Writes look rows up by keys, for which a generic plan is as good as a custom one. Left to
            // choose, PostgreSQL plans statements with array parameters (= ANY($1), unnest($1)) afresh
            // on every execution: 1.5 ms of its CPU per single post at a million readouts.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_generic_plan", attemptCt);

            string? fingerprint = null;
            if (writer.IdempotencyKey is { } key)
            {
                fingerprint = Fingerprint(writer.Operation, request);
                // A second request with the same key waits here for the first to finish, then replays it.
                var lockName = $"{writer.KeyName}\n{key}";
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockName}, 1))", attemptCt);
                var stored = await db.IdempotencyRecords.AsNoTracking()
                    .SingleOrDefaultAsync(r => r.KeyName == writer.KeyName && r.Key == key, attemptCt);
                if (stored is not null)
                {
                    return stored.RequestHash == fingerprint
                        ? new WriteOutcome(stored.Status, stored.Body, stored.Location, stored.ETag, Replayed: true)
                        : throw new ApiProblemException(
                            StatusCodes.Status422UnprocessableEntity,
                            "This Idempotency-Key was used for a different request.",
                            $"Key '{key}' was first used at {stored.CreatedAt:O} for a request with another body or path. Use a new key for a new request.");
                }
            }

            var outcome = await work(attemptCt);
            if (fingerprint is not null)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    KeyName = writer.KeyName,
                    Key = writer.IdempotencyKey!,
                    RequestHash = fingerprint,
                    Status = outcome.Status,
                    Location = outcome.Location,
                    ETag = outcome.ETag,
                    Body = outcome.Json,
                    CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(attemptCt);
            }

            await transaction.CommitAsync(attemptCt);
            return outcome;
        }, ct);

    private static string Fingerprint(string operation, object? request)
    {
        var body = request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), ApiJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{operation}\n{body}")));
    }
}
