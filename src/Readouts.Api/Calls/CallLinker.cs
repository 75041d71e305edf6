using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Calls;

/// <summary>
/// Decides which call a new readout tells, so that both sides' accounts of one conversation end
/// up side by side. The rules:
/// <list type="number">
/// <item>A readout joins a call with exactly the same set of leaders;</item>
/// <item>whose date is at most one day from the readout's (each source dates the call in its own time zone);</item>
/// <item>and that has no readout yet from the same source in the same language (a source's second
/// language version joins; a second readout in the same language is a different call).</item>
/// <item>Among several such calls: the same date first, then the nearest date, then the oldest call.</item>
/// <item>Otherwise the readout starts a new call. A call's date is the earliest its readouts give.</item>
/// </list>
/// </summary>
public sealed class CallLinker(ReadoutsDbContext db)
{
    /// <summary>What linking needs to know about the readout being posted.</summary>
    public sealed record NewReadout(string LeaderKey, DateOnly CallDate, int SourceId, string Language);

    /// <summary>An existing call that might be the one the readout tells.</summary>
    public sealed record Candidate(long Id, string LeaderKey, DateOnly Date, DateTimeOffset CreatedAt, IReadOnlyCollection<SourceLanguage> Versions);

    /// <summary>A readout the candidate already has: who published it, in which language.</summary>
    public sealed record SourceLanguage(int SourceId, string Language);

    public static bool HasSameLeaders(NewReadout readout, Candidate call) => call.LeaderKey == readout.LeaderKey;

    public static bool IsWithinADay(NewReadout readout, Candidate call) => DaysApart(readout, call) <= 1;

    public static bool LacksThisSourceAndLanguage(NewReadout readout, Candidate call) =>
        !call.Versions.Contains(new SourceLanguage(readout.SourceId, readout.Language));

    /// <summary>The call the readout joins, or null when it starts a new one.</summary>
    public static Candidate? Choose(NewReadout readout, IEnumerable<Candidate> calls) => calls
        .Where(call => HasSameLeaders(readout, call) && IsWithinADay(readout, call) && LacksThisSourceAndLanguage(readout, call))
        .OrderBy(call => DaysApart(readout, call))
        .ThenBy(call => call.CreatedAt)
        .ThenBy(call => call.Id)
        .FirstOrDefault();

    private static int DaysApart(NewReadout readout, Candidate call) => Math.Abs(call.Date.DayNumber - readout.CallDate.DayNumber);

    /// <summary>
    /// Attaches each readout, in order, to the call it tells: an existing call (sets CallId) or a
    /// new one (sets Call), creating each call at most once, so that two sides in one batch end up
    /// in one call just as if they had been posted one after the other. The caller must hold the
    /// locks of <see cref="LockAsync"/> for these readouts' leaders: they make concurrent posts about
    /// the same leaders link one after the other, so two sides posted at once end in one call,
    /// across any number of API instances. A readout being re-linked is not counted in its own call.
    /// </summary>
    public Task LinkAsync(IReadOnlyList<(Readout Readout, IReadOnlyCollection<int> LeaderIds)> readouts, CancellationToken ct) =>
        LinkAsync(readouts, lockFirst: false, ct);

    /// <summary>
    /// <see cref="LockAsync"/> for these readouts' leaders, then <see cref="LinkAsync(IReadOnlyList{ValueTuple{Readout, IReadOnlyCollection{int}}}, CancellationToken)"/>,
    /// in one round trip: posts about the same leaders wait for the locks, so every round trip
    /// taken while they are held is one the others wait through too.
    /// </summary>
    public Task LockAndLinkAsync(IReadOnlyList<(Readout Readout, IReadOnlyCollection<int> LeaderIds)> readouts, CancellationToken ct) =>
        LinkAsync(readouts, lockFirst: true, ct);

    private async Task LinkAsync(IReadOnlyList<(Readout Readout, IReadOnlyCollection<int> LeaderIds)> readouts, bool lockFirst, CancellationToken ct)
    {
        var keys = readouts.Select(r => Call.KeyFor(r.LeaderIds)).ToList();
        // Only calls with the same leaders can match, so each readout weighs only those.
        var candidates = (await FindCandidatesAsync(keys, readouts.Select(r => r.Readout.CallDate).ToList(), readouts.Select(r => r.Readout.Id).ToList(), lockFirst, ct))
            .ToLookup(c => c.LeaderKey)
            .ToDictionary(g => g.Key, g => g.ToList());

        // Calls this batch creates, by the number their candidate stands in for (negative, in creation order).
        var created = new Dictionary<long, Call>();
        for (var i = 0; i < readouts.Count; i++)
        {
            var (readout, leaderIds) = readouts[i];
            if (!candidates.TryGetValue(keys[i], out var sameLeaders))
            {
                candidates[keys[i]] = sameLeaders = [];
            }

            var version = new SourceLanguage(readout.SourceId, readout.Language);
            var chosen = Choose(new NewReadout(keys[i], readout.CallDate, readout.SourceId, readout.Language), sameLeaders);
            if (chosen is null)
            {
                var call = NewCall(readout.CallDate, keys[i], leaderIds);
                // Later in the batch, a new call is the newest candidate, as it would be in the database.
                chosen = new Candidate(-(created.Count + 1), keys[i], readout.CallDate, CreatedInThisBatch.AddTicks(created.Count), []);
                created[chosen.Id] = call;
            }

            sameLeaders.Remove(chosen);
            sameLeaders.Add(chosen with { Date = Min(chosen.Date, readout.CallDate), Versions = [.. chosen.Versions, version] });
            if (created.TryGetValue(chosen.Id, out var newCall))
            {
                readout.Call = newCall;
                newCall.Date = Min(newCall.Date, readout.CallDate);
            }
            else
            {
                readout.Call = null;
                readout.CallId = chosen.Id;
            }
        }
    }

    private static readonly DateTimeOffset CreatedInThisBatch = DateTimeOffset.MaxValue.AddYears(-1);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>
    /// The calls within a day of each (leaders, date) pair, with the readouts they already have;
    /// after taking the linking locks for those leaders when <paramref name="lockFirst"/>. Two
    /// statements: under READ COMMITTED each sees what was committed when it starts, so the
    /// candidates include the calls of the posts the lock waited for.
    /// </summary>
    private async Task<List<Candidate>> FindCandidatesAsync(List<string> keys, List<DateOnly> dates, List<long> relinked, bool lockFirst, CancellationToken ct)
    {
        var excluded = relinked.Where(id => id != 0).ToArray();
        await using var batch = db.NewBatch();
        if (lockFirst)
        {
            batch.BatchCommands.Add(LockCommand(keys));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT c.id, c.leader_key, c.date, c.created_at, r.source_id, r.language
            FROM calls c
            LEFT JOIN readouts r ON r.call_id = c.id AND r.id <> ALL($1)
            WHERE c.id IN (
                SELECT near.id FROM unnest($2::text[], $3::date[]) AS w(leader_key, date)
                JOIN calls near ON near.leader_key = w.leader_key AND near.date BETWEEN w.date - 1 AND w.date + 1)
            """)
        {
            Parameters = { new() { Value = excluded }, new() { Value = keys.ToArray() }, new() { Value = dates.ToArray() } },
        });

        var rows = new List<(long Id, string LeaderKey, DateOnly Date, DateTimeOffset CreatedAt, SourceLanguage? Version)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (lockFirst)
            {
                await reader.NextResultAsync(ct);
            }

            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateTimeOffset>(3),
                    await reader.IsDBNullAsync(4, ct) ? null : new SourceLanguage(reader.GetInt32(4), reader.GetString(5))));
            }
        }

        return rows.GroupBy(r => r.Id)
            .Select(g => new Candidate(g.Key, g.First().LeaderKey, g.First().Date, g.First().CreatedAt, g.Select(r => r.Version).OfType<SourceLanguage>().ToList()))
            .ToList();
    }

    /// <summary>
    /// Serialises linking for these leader sets until the transaction ends. Several keys are taken
    /// in one order, so two moves between the same calls in opposite directions cannot deadlock.
    /// </summary>
    public async Task LockAsync(IEnumerable<string> leaderKeys, CancellationToken ct)
    {
        await using var batch = db.NewBatch();
        batch.BatchCommands.Add(LockCommand(leaderKeys));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand LockCommand(IEnumerable<string> leaderKeys) => new("""
        SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
        FROM (SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n) AS ordered
        """)
    {
        Parameters = { new() { Value = leaderKeys.Distinct().Order(StringComparer.Ordinal).ToArray() } },
    };

    public Task<string> LeaderKeyOfAsync(long callId, CancellationToken ct) =>
        db.Calls.Where(c => c.Id == callId).Select(c => c.LeaderKey).SingleAsync(ct);

    public static Call NewCall(DateOnly date, string leaderKey, IEnumerable<int> leaderIds)
    {
        var ids = leaderIds.Distinct().Order().ToArray();
        return new Call
        {
            Date = date,
            LeaderKey = leaderKey,
            LeaderIds = ids,
            Leaders = ids.Select(id => new CallLeader { LeaderId = id }).ToList(),
        };
    }

    /// <summary>
    /// After readouts joined, left or changed: a call with no readouts left is removed; the others
    /// get again the earliest date their readouts give, and the topics, sources and search text
    /// that GET /api/calls filters on.
    /// </summary>
    public async Task TidyAsync(IEnumerable<long> callIds, CancellationToken ct)
    {
        var ids = callIds.Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"DELETE FROM calls c WHERE c.id = ANY({ids}) AND NOT EXISTS (SELECT 1 FROM readouts r WHERE r.call_id = c.id)", ct);
        await db.Database.ExecuteSqlRawAsync(RefreshByIdsSql, [new NpgsqlParameter("ids", ids)], ct);
    }

    /// <summary>
    /// Recomputes what a call gathers from its readouts; completed with a WHERE on c.id. The
    /// readouts are stemmed again: a readout keeps no search vector of its own, since only its
    /// call is searched, and storing both cost every post a second copy of the words.
    /// </summary>
    public static readonly string RefreshSql = $"""
        UPDATE calls c SET
            date = coalesce((SELECT min(r.call_date) FROM readouts r WHERE r.call_id = c.id), c.date),
            topic_ids = {TopicIdsOfC},
            source_ids = coalesce((SELECT array_agg(DISTINCT r.source_id) FROM readouts r WHERE r.call_id = c.id), ARRAY[]::integer[]),
            search_vector = (
                SELECT tsvector_agg({SearchLanguages.VectorSql("r.search_config", "r.title", "r.body", StatementsOfR)})
                FROM readouts r WHERE r.call_id = c.id)
        """;

    /// <summary>Every subject of the call c's readouts: labelled or found in their texts.</summary>
    private const string TopicIdsOfC = "coalesce((SELECT array_agg(DISTINCT t.topic_id) FROM readouts r JOIN readout_topics t ON t.readout_id = r.id WHERE r.call_id = c.id), ARRAY[]::integer[])";

    /// <summary>After readouts' subjects changed, and nothing else: the calls' topics, which GET /api/calls?topic= filters on.</summary>
    public Task RefreshTopicsAsync(long[] callIds, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"UPDATE calls c SET topic_ids = {TopicIdsOfC} WHERE c.id = ANY(@ids)", [new NpgsqlParameter("ids", callIds)], ct);

    /// <summary>The readout r's statements as one text, in order, as ReadoutImporter joins them.</summary>
    private const string StatementsOfR = "coalesce((SELECT string_agg(s.text, ' ' ORDER BY s.position) FROM statements s WHERE s.readout_id = r.id), '')";

    private static string RefreshByIdsSql => RefreshSql + " WHERE c.id = ANY(@ids)";
}
