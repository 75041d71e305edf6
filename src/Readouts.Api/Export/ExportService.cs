using System.Data;
using Npgsql;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Export;

/// <summary>
/// The exports' reads: each one statement, read row by row off Npgsql while the rows are written
/// (<see cref="ExportDownload"/>), never a list of them. Each export has a connection of its own,
/// outside the pool (<see cref="OwnConnections"/>): it holds it for as long as the client reads,
/// a minute at a million readouts, and the pool's few connections are the requests'. At most
/// <c>Export:MaxConcurrent</c> exports (default 2) run at once on an instance; another gets a 429.
/// </summary>
public sealed class ExportService(IConfiguration configuration, ExportGate gate, TimeProvider clock)
{
    /// <summary>
    /// Every live readout, oldest id first: posted again in this order, the readouts link to the
    /// same calls (a call's first readout comes first, as it did). The labels are each subject's
    /// as the source wrote them, in subject order (a readout's labels are distinct by folded name,
    /// so none repeats); statements in their order. Two lookups per readout by primary key, in
    /// parallel workers: 1,025,383 readouts in 23.6 s of execution (EXPLAIN ANALYZE, warm, 2
    /// cores). Grouped subqueries merged by id took 50.2 s: each worker read all of readout_topics.
    /// </summary>
    private const string ReadoutsSql = """
        SELECT r.id, r.call_id, r.version, r.source_id, r.language, r.call_date, r.published_at, r.title, r.url, r.body, c.leader_ids,
               ARRAY(SELECT l FROM readout_topics t, unnest(t.labels) l WHERE t.readout_id = r.id ORDER BY t.topic_id) AS labels,
               s.speakers, s.texts
        FROM readouts r
        JOIN calls c ON c.id = r.call_id
        LEFT JOIN LATERAL (
            SELECT array_agg(s.speaker_id ORDER BY s.position) AS speakers, array_agg(s.text ORDER BY s.position) AS texts
            FROM statements s WHERE s.readout_id = r.id) s ON true
        WHERE r.deleted_at IS NULL
        ORDER BY r.id
        """;

    /// <summary>
    /// Every call, newest first as the lists are: an index-only scan of the (date, id) index, which
    /// holds the arrays, and for calls told by more than one source each live readout's subjects
    /// as (source, topic) pairs. 557,366 calls in 17.6 s of execution (EXPLAIN ANALYZE); in id
    /// order the calls' wide rows cost 5 s more.
    /// </summary>
    private const string CallsSql = """
        SELECT c.id, c.date, c.leader_ids, c.source_ids, p.sources, p.topics
        FROM calls c
        LEFT JOIN LATERAL (
            SELECT array_agg(r.source_id) AS sources, array_agg(t.topic_id) AS topics
            FROM readouts r JOIN readout_topics t ON t.readout_id = r.id
            WHERE r.call_id = c.id AND r.deleted_at IS NULL AND cardinality(c.source_ids) > 1) p ON true
        ORDER BY c.date DESC, c.id DESC
        """;

    public Task<ExportDownload> ReadoutsAsync(CancellationToken ct) =>
        OpenAsync(ReadoutsSql, withTopics: false, registry => new ReadoutLines(registry), $"readouts-{Today}.ndjson", ct);

    public Task<ExportDownload> CallsAsync(CancellationToken ct) =>
        OpenAsync(CallsSql, withTopics: true, registry => new CallRows(registry), $"calls-{Today}.csv", ct);

    private string Today => clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs the export's statement, after the registry's names in the same snapshot (a leader
    /// created meanwhile is in both or in neither), and answers once its first rows can be read:
    /// a database that cannot be reached is still a 503, before any header is sent.
    /// </summary>
    private async Task<ExportDownload> OpenAsync(string sql, bool withTopics, Func<ExportRegistry, IExportRows> rows, string fileName, CancellationToken ct)
    {
        var slot = gate.Enter();
        var connection = OwnConnections.Open(configuration, "export");
        try
        {
            await connection.OpenAsync(ct);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(ct);
            }

            var registry = await ExportRegistry.ReadAsync(connection, transaction, withTopics, ct);
            // No timeout: the statement runs for as long as the client reads, and ends when it leaves
            // (the request's token cancels it in PostgreSQL) or when Kestrel drops a client too slow.
            var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            var reader = await command.ExecuteReaderAsync(ct);
            return new ExportDownload(connection, command, reader, rows(registry), fileName, slot);
        }
        catch
        {
            await connection.DisposeAsync();
            slot.Dispose();
            throw;
        }
    }
}

/// <summary>
/// The exports running on this instance, at most <c>Export:MaxConcurrent</c> (default 2): each
/// holds a PostgreSQL backend and a core's worth of work for its whole length, and the rate limit
/// counts requests, not how long they run.
/// </summary>
public sealed class ExportGate(IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, configuration.GetValue("Export:MaxConcurrent", 2)));

    public void Dispose() => slots.Dispose();

    public IDisposable Enter() => slots.Wait(0)
        ? new Slot(slots)
        : throw new ApiProblemException(
            StatusCodes.Status429TooManyRequests,
            "Too many exports at once.",
            "Other exports are running on this instance; try again when they have finished.")
        { RetryAfterSeconds = 30 };

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>
/// The registry's names the rows refer to by id, read whole before the rows: a few hundred leaders
/// and sources and a few thousand topics, however many readouts there are.
/// </summary>
public sealed record ExportRegistry(
    IReadOnlyDictionary<int, (string Slug, string Name)> Leaders,
    IReadOnlyDictionary<int, string> Sources,
    IReadOnlyDictionary<int, string> Topics)
{
    public static async Task<ExportRegistry> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool withTopics, CancellationToken ct)
    {
        var leaders = new Dictionary<int, (string, string)>();
        var sources = new Dictionary<int, string>();
        var topics = new Dictionary<int, string>();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("SELECT id, slug, name FROM leaders"),
                new("SELECT id, slug FROM sources"),
                new(withTopics ? "SELECT id, name FROM topics" : "SELECT 0, '' WHERE false"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            leaders[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sources[reader.GetInt32(0)] = reader.GetString(1);
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            topics[reader.GetInt32(0)] = reader.GetString(1);
        }

        return new ExportRegistry(leaders, sources, topics);
    }
}
