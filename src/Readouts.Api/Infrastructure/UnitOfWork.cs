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

/// <summary>The answer to one of several writes run together: its outcome, or the problem it had.</summary>
public sealed record WriteResult(WriteOutcome? Outcome, ApiProblemException? Problem)
{
    public WriteOutcome OrThrow() => Outcome ?? throw Problem!;
}

/// <summary>
/// Runs one write, or several writes from separate requests, as a single transaction that is
/// retried as a whole when PostgreSQL drops the connection or is restarting. With an
/// Idempotency-Key, a write's outcome is stored in that same transaction, so it exists exactly
/// when the write does, and a retry with the key gets it back.
/// </summary>
public sealed class UnitOfWork(ReadoutsDbContext db, Events.EventSignal signal, TimeProvider clock)
{
    /// <summary>One write: who writes (with the idempotency key if any) and the bound request, which with the operation is what a retry must repeat exactly.</summary>
    public sealed record Write(WriteContext Writer, object? Request);

    /// <param name="writer">Who writes, and the idempotency key if the client sent one.</param>
    /// <param name="request">The bound request: with the operation, what a retry must repeat exactly.</param>
    /// <param name="work">The write. It may run more than once, so it must build its entities afresh.</param>
    /// <param name="ct">Cancels the write (the client went away); the transaction then rolls back.</param>
    public async Task<WriteOutcome> RunAsync(WriteContext writer, object? request, Func<CancellationToken, Task<WriteOutcome>> work, CancellationToken ct) =>
        (await RunTogetherAsync([new Write(writer, request)], async (_, attemptCt) => [new WriteResult(await work(attemptCt), null)], ct))[0].OrThrow();

    /// <summary>
    /// Runs writes in one transaction, each answered as if it had run alone. A write whose
    /// Idempotency-Key was used before gets the stored answer (or a 422 for another request) and
    /// is left out of <paramref name="work"/>, which gets the indexes of the others and returns
    /// their results in that order. A problem <paramref name="work"/> throws fails them all.
    /// Two writes with the same API key's name and Idempotency-Key must not run together.
    /// </summary>
    public Task<IReadOnlyList<WriteResult>> RunTogetherAsync(
        IReadOnlyList<Write> writes, Func<IReadOnlyList<int>, CancellationToken, Task<IReadOnlyList<WriteResult>>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
        {
            // A failed attempt may leave entities behind; each attempt starts clean.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
            // Writes look rows up by keys, for which a generic plan is as good as a custom one. Left to
            // choose, PostgreSQL plans statements with array parameters (= ANY($1), unnest($1)) afresh
            // on every execution: 1.5 ms of its CPU per single post at a million readouts.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_generic_plan", attemptCt);

            var results = new WriteResult?[writes.Count];
            var fingerprints = writes.Select(w => w.Writer.IdempotencyKey is null ? null : Fingerprint(w.Writer.Operation, w.Request)).ToArray();
            await ReplayAsync(writes, fingerprints, results, attemptCt);

            var toRun = Enumerable.Range(0, writes.Count).Where(i => results[i] is null).ToList();
            if (toRun.Count > 0)
            {
                var done = await work(toRun, attemptCt);
                var recorded = false;
                for (var j = 0; j < toRun.Count; j++)
                {
                    var i = toRun[j];
                    results[i] = done[j];
                    if (fingerprints[i] is { } fingerprint && done[j].Outcome is { } outcome)
                    {
                        db.IdempotencyRecords.Add(new IdempotencyRecord
                        {
                            KeyName = writes[i].Writer.KeyName,
                            Key = writes[i].Writer.IdempotencyKey!,
                            RequestHash = fingerprint,
                            Status = outcome.Status,
                            Location = outcome.Location,
                            ETag = outcome.ETag,
                            Body = outcome.Json,
                            CreatedAt = clock.GetUtcNow(),
                        });
                        recorded = true;
                    }
                }

                if (recorded)
                {
                    await db.SaveChangesAsync(attemptCt);
                }
            }

            await transaction.CommitAsync(attemptCt);
            // Its events, if it made any, are for this instance's webhooks to number and send.
            signal.Written();
            return (IReadOnlyList<WriteResult>)results.Select(r => r!).ToList();
        }, ct);

    /// <summary>
    /// Answers the writes whose Idempotency-Key has a stored outcome. Another request with the same
    /// key waits on its lock for this transaction to finish, then replays what it stored.
    /// </summary>
    private async Task ReplayAsync(IReadOnlyList<Write> writes, string?[] fingerprints, WriteResult?[] results, CancellationToken ct)
    {
        var keyed = Enumerable.Range(0, writes.Count).Where(i => fingerprints[i] is not null).ToList();
        if (keyed.Count == 0)
        {
            return;
        }

        // Taken in one order, so that two transactions with the same keys cannot deadlock.
        var lockNames = keyed.Select(i => $"{writes[i].Writer.KeyName}\n{writes[i].Writer.IdempotencyKey}").Distinct().Order(StringComparer.Ordinal).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            SELECT pg_advisory_xact_lock(hashtextextended(k, 1))
            FROM (SELECT k FROM unnest({lockNames}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n) AS ordered
            """, ct);
        var keyNames = keyed.Select(i => writes[i].Writer.KeyName).Distinct().ToList();
        var keys = keyed.Select(i => writes[i].Writer.IdempotencyKey!).Distinct().ToList();
        var stored = (await db.IdempotencyRecords.AsNoTracking()
                .Where(r => keyNames.Contains(r.KeyName) && keys.Contains(r.Key))
                .ToListAsync(ct))
            .ToDictionary(r => (r.KeyName, r.Key));
        foreach (var i in keyed)
        {
            var (writer, key) = (writes[i].Writer, writes[i].Writer.IdempotencyKey!);
            if (stored.TryGetValue((writer.KeyName, key), out var record))
            {
                results[i] = record.RequestHash == fingerprints[i]
                    ? new WriteResult(new WriteOutcome(record.Status, record.Body, record.Location, record.ETag, Replayed: true), null)
                    : new WriteResult(null, new ApiProblemException(
                        StatusCodes.Status422UnprocessableEntity,
                        "This Idempotency-Key was used for a different request.",
                        $"Key '{key}' was first used at {record.CreatedAt:O} for a request with another body or path. Use a new key for a new request."));
            }
        }
    }

    private static string Fingerprint(string operation, object? request)
    {
        var body = request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), ApiJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{operation}\n{body}")));
    }
}
