using System.Data.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>
/// One posted readout: the request, or the problem it had before it could be read. Validated
/// when its validator has passed it already (MVC runs it on a single post's body).
/// </summary>
public sealed record PostedReadout(ReadoutRequest? Request, ApiProblemException? Problem = null, bool Validated = false);

/// <summary>
/// What became of one posted readout: 201 stored, 200 an identical resend, or its problem. A
/// stored one comes with what was inserted (<see cref="Inserted"/>), every column set.
/// </summary>
public sealed record ImportedReadout(int Status, long? Id, long? CallId, ApiProblemException? Problem, ResolvedReadout? Inserted = null);

/// <summary>
/// Stores posted readouts, one or a thousand, by the same steps: validate, resolve, find resends,
/// link by <see cref="CallLinker"/>, insert. Each step is one query for the whole batch, and the
/// inserts are one round trip of array-valued statements, so a readout costs a few rows' work
/// rather than a dozen round trips. Runs inside the caller's <see cref="UnitOfWork"/>.
/// </summary>
public sealed class ReadoutImporter(
    ReadoutsDbContext db,
    ReadoutResolver resolver,
    TopicService topics,
    SubjectTagger tagger,
    CallLinker linker,
    IValidator<ReadoutRequest> validator,
    TimeProvider clock)
{
    /// <summary>Above this many characters, a text may exceed PostgreSQL's 1 MB tsvector, so it is tried alone first.</summary>
    private const int LargeTextLength = 100_000;

    public async Task<IReadOnlyList<ImportedReadout>> ImportAsync(IReadOnlyList<PostedReadout> posted, WriteContext writer, CancellationToken ct)
    {
        var results = new ImportedReadout[posted.Count];
        var valid = new List<(int Index, ReadoutRequest Request)>();
        for (var i = 0; i < posted.Count; i++)
        {
            if ((posted[i].Problem ?? (posted[i].Validated ? null : Validate(posted[i].Request!))) is { } problem)
            {
                results[i] = Failed(problem);
            }
            else
            {
                valid.Add((i, posted[i].Request!));
            }
        }

        var resolved = await resolver.ResolveAsync(valid.Select(v => v.Request).ToList(), ct);
        var candidates = new List<(int Index, ResolvedReadout Readout)>();
        for (var i = 0; i < valid.Count; i++)
        {
            if (resolved[i].Readout is { } readout)
            {
                candidates.Add((valid[i].Index, readout));
            }
            else
            {
                results[valid[i].Index] = Failed(resolved[i].Problem!);
            }
        }

        candidates = await SkipUnindexableAsync(candidates, results, ct);
        // Before the linking locks, which posts about the same leaders wait for: stemming, most of
        // what a readout costs PostgreSQL, the stems its subjects need, and the lookup of resends.
        // Of identical posts at the same moment, the one that stores second then breaks the unique
        // (source, URL) index, and ReadoutService runs it again to find the first.
        var pending = await tagger.PrepareAsync(candidates.Select(c => c.Readout.ForTagging()).ToList(), ct);
        var (vectors, stored) = await SearchVectorsAndStoredAsync(candidates, pending, ct);
        var tags = tagger.Complete(pending).Select((t, i) => (candidates[i].Index, Tags: t)).ToDictionary(t => t.Index, t => t.Tags);
        var repeats = new Dictionary<int, Repeat>();
        var fresh = SkipResends(candidates, stored, results, repeats);
        if (fresh.Count > 0)
        {
            await InsertAsync(fresh.Select(f => (f.Readout, vectors[f.Index], tags[f.Index])).ToList(), writer, ct);
            foreach (var (index, item) in fresh)
            {
                results[index] = new ImportedReadout(StatusCodes.Status201Created, item.Readout.Id, item.Readout.CallId, null, item);
            }
        }

        // A repeat within the batch answers as if it came after the first, now that the first has its ids.
        foreach (var (index, repeat) in repeats)
        {
            var first = results[repeat.First];
            results[index] = !repeat.Identical ? Failed(DifferentContent(first.Id!.Value))
                : first.Status == StatusCodes.Status201Created ? first with { Status = StatusCodes.Status200OK } : first;
        }

        return results;
    }

    private ApiProblemException? Validate(ReadoutRequest request)
    {
        var result = validator.Validate(request);
        return result.IsValid ? null : new ApiProblemException(
            StatusCodes.Status400BadRequest,
            "One or more validation errors occurred.",
            errors: result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
    }

    private static ImportedReadout Failed(ApiProblemException problem) => new(problem.Status, null, null, problem);

    private static ApiProblemException DifferentContent(long storedId) =>
        ApiProblemException.Conflict($"Readout {storedId} already has this source and URL with different content. To correct it, replace that readout instead of posting again.");

    private sealed record Stored(long Id, long CallId, int SourceId, string Url, string ContentHash);

    /// <summary>A later item with the source and URL of an earlier one (<see cref="First"/>), with the same content or not.</summary>
    private sealed record Repeat(int First, bool Identical);

    /// <summary>
    /// Answers resends of stored readouts (200, or 409 when the content differs) and notes repeats
    /// within the batch in <paramref name="repeats"/>; returns the rest.
    /// </summary>
    private static List<(int Index, ResolvedReadout Readout)> SkipResends(
        List<(int Index, ResolvedReadout Readout)> candidates, Dictionary<(int, string), Stored> stored, ImportedReadout[] results, Dictionary<int, Repeat> repeats)
    {
        var fresh = new List<(int Index, ResolvedReadout Readout)>();
        var firstCopy = new Dictionary<(int, string), (int Index, string ContentHash)>();
        foreach (var (index, item) in candidates)
        {
            var key = (item.Readout.SourceId, item.Readout.Url);
            if (stored.TryGetValue(key, out var existing))
            {
                results[index] = existing.ContentHash == item.Readout.ContentHash
                    ? new ImportedReadout(StatusCodes.Status200OK, existing.Id, existing.CallId, null)
                    : Failed(DifferentContent(existing.Id));
            }
            else if (firstCopy.TryGetValue(key, out var first))
            {
                repeats[index] = new Repeat(first.Index, first.ContentHash == item.Readout.ContentHash);
            }
            else
            {
                firstCopy[key] = (index, item.Readout.ContentHash);
                fresh.Add((index, item));
            }
        }

        return fresh;
    }

    /// <summary>
    /// PostgreSQL caps a tsvector at 1 MB; only pathological texts (many distinct words) reach it.
    /// Such a text would fail the whole insert, so the few long ones are tried alone first.
    /// </summary>
    private async Task<List<(int Index, ResolvedReadout Readout)>> SkipUnindexableAsync(
        List<(int Index, ResolvedReadout Readout)> items, ImportedReadout[] results, CancellationToken ct)
    {
        var kept = new List<(int Index, ResolvedReadout Readout)>();
        foreach (var item in items)
        {
            var readout = item.Readout.Readout;
            var text = $"{readout.Title} {readout.Body} {StatementsText(readout)}";
            if (text.Length > LargeTextLength)
            {
                var transaction = db.Database.CurrentTransaction!;
                await transaction.CreateSavepointAsync("index_check", ct);
                try
                {
                    await db.Database.ExecuteSqlAsync($"SELECT to_tsvector({readout.SearchConfig}::regconfig, {text})", ct);
                    await transaction.ReleaseSavepointAsync("index_check", ct);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ProgramLimitExceeded)
                {
                    await transaction.RollbackToSavepointAsync("index_check", ct);
                    results[item.Index] = Failed(ApiProblemException.Unprocessable("body", $"The readout's text is too large to index for search: {e.MessageText}"));
                    continue;
                }
            }

            kept.Add(item);
        }

        return kept;
    }

    private static string StatementsText(Readout readout) => string.Join(' ', readout.Statements.OrderBy(s => s.Position).Select(s => s.Text));

    /// <summary>
    /// Each readout's search vector (as CallLinker.RefreshSql builds it again), for its call, and
    /// the stored readouts with the same source and URL, by (source, URL); and the stems the
    /// readouts' subjects need (<see cref="SubjectTagger"/>). One round trip. Vectors are binary
    /// both ways: PostgreSQL parsing their text form back cost more than the insert of a row.
    /// </summary>
    private async Task<(Dictionary<int, NpgsqlTsVector> Vectors, Dictionary<(int, string), Stored> Stored)> SearchVectorsAndStoredAsync(
        List<(int Index, ResolvedReadout Readout)> items, SubjectTagger.Pending pending, CancellationToken ct)
    {
        var readouts = items.Select(i => i.Readout.Readout).ToList();
        // Looked up as pairs: "source in (...) and URL in (...)" probes every source with every URL,
        // 56,000 index probes for a batch of 1,000 readouts from 56 sources (140 ms at a million readouts).
        var keys = readouts.Select(r => (r.SourceId, r.Url)).Distinct().ToList();
        await using var batch = db.NewBatch();
        batch.BatchCommands.Add(Command(
            $"""
            SELECT {SearchLanguages.VectorSql("config", "title", "body", "statements")}
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(config, title, body, statements, n)
            ORDER BY n
            """,
            readouts.Select(r => r.SearchConfig).ToArray(),
            readouts.Select(r => r.Title).ToArray(),
            readouts.Select(r => r.Body).ToArray(),
            readouts.Select(StatementsText).ToArray()));
        batch.BatchCommands.Add(Command(
            """
            SELECT r.id, r.call_id, r.source_id, r.url, r.content_hash
            FROM unnest($1::integer[], $2::text[]) AS k(source_id, url)
            JOIN readouts r ON r.source_id = k.source_id AND r.url = k.url
            WHERE r.deleted_at IS NULL
            """,
            keys.Select(k => k.SourceId).ToArray(),
            keys.Select(k => k.Url).ToArray()));
        var stems = SubjectTagger.StemCommand(pending);
        if (stems is not null)
        {
            batch.BatchCommands.Add(stems);
        }

        var vectors = new Dictionary<int, NpgsqlTsVector>(items.Count);
        var stored = new Dictionary<(int, string), Stored>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            vectors[items[i].Index] = reader.GetFieldValue<NpgsqlTsVector>(0);
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new Stored(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4));
            stored[(row.SourceId, row.Url)] = row;
        }

        if (stems is not null)
        {
            await reader.NextResultAsync(ct);
            await tagger.ReadStemsAsync(pending, reader, ct);
        }

        return (vectors, stored);
    }

    /// <summary>
    /// Links the readouts, gives them and their new calls ids, and inserts everything in one round
    /// trip. A new call is inserted with what it gathers from its readouts; a call that existed
    /// before gains what its new readouts bring.
    /// </summary>
    private async Task InsertAsync(List<(ResolvedReadout Item, NpgsqlTsVector Vector, Tagged Tags)> items, WriteContext writer, CancellationToken ct)
    {
        // Topics need no linking lock: ensured first, they are not waited through by other posts.
        var newLabels = await topics.EnsureOthersAsync(items.SelectMany(i => i.Tags.NewLabels), ct);
        await linker.LockAndLinkAsync(items.Select(i => (i.Item.Readout, i.Item.LeaderIds)).ToList(), ct);

        var readouts = items.Select(i => i.Item.Readout).ToList();
        var newCalls = readouts.Select(r => r.Call).OfType<Call>().Distinct().ToList();
        var (callIds, readoutIds) = await AllocateIdsAsync(newCalls.Count, readouts.Count, ct);
        for (var i = 0; i < newCalls.Count; i++)
        {
            newCalls[i].Id = callIds[i];
        }

        // Each readout as stored, so that ReadoutReader.OfInsertedAsync can answer without reading it back.
        var now = ReadoutReader.AsStored(clock.GetUtcNow());
        foreach (var (readout, i) in readouts.Select((r, i) => (r, i)))
        {
            readout.Id = readoutIds[i];
            readout.CallId ??= readout.Call!.Id;
            readout.Topics = items[i].Tags.Rows(readout.Id, newLabels);
            (readout.Version, readout.Change, readout.CreatedAt, readout.UpdatedAt, readout.UpdatedBy) = (1, ReadoutChange.Created, now, now, writer.KeyName);
        }

        // A row per label and per word found: readout_topics gathers them per subject.
        var topicWords = readouts.SelectMany(r => r.Topics.SelectMany(t => t.Labels.Select(l => (ReadoutId: r.Id, t.TopicId, IsLabel: true, Word: l))
            .Concat(t.Mentions.Select(m => (ReadoutId: r.Id, t.TopicId, IsLabel: false, Word: m))))).ToList();
        var statements = readouts.SelectMany(r => r.Statements.Select(s => (ReadoutId: r.Id, s.Position, s.SpeakerId, s.Text))).ToList();

        await using var batch = db.NewBatch();
        // Each statement on calls is sent only its own readouts: their vectors are most of the bytes.
        var (joining, starting) = (items.Where(i => i.Item.Readout.Call is null).ToList(), items.Where(i => i.Item.Readout.Call is not null).ToList());
        if (joining.Count > 0)
        {
            // A call a readout joins gains what the readout brings: the same result as CallLinker.RefreshSql
            // without reading back every readout the call already has.
            batch.BatchCommands.Add(Command(
                $"""
                {GatheredSql}
                UPDATE calls c SET
                    date = least(c.date, g.date),
                    source_ids = ARRAY(SELECT DISTINCT unnest(c.source_ids || g.source_ids) ORDER BY 1),
                    topic_ids = ARRAY(SELECT DISTINCT unnest(c.topic_ids || coalesce(m.topic_ids, ARRAY[]::integer[])) ORDER BY 1),
                    search_vector = coalesce(c.search_vector, ''::tsvector) || g.search_vector
                FROM gathered g LEFT JOIN mentioned m ON m.call_id = g.call_id
                WHERE c.id = g.call_id AND c.id = ANY($7)
                """,
                [.. Gathered(joining), joining.Select(i => i.Item.Readout.CallId!.Value).Distinct().ToArray()]));
        }

        if (starting.Count > 0)
        {
            // A new call is inserted with what CallLinker.RefreshSql would gather for it.
            batch.BatchCommands.Add(Command(
                $"""
                {GatheredSql}
                INSERT INTO calls (id, date, leader_key, leader_ids, topic_ids, source_ids, search_vector, created_at)
                SELECT c.id, g.date, c.leader_key, string_to_array(c.leader_key, '-')::integer[],
                    coalesce(m.topic_ids, ARRAY[]::integer[]), g.source_ids, g.search_vector, $9
                FROM unnest($7::bigint[], $8::text[]) AS c(id, leader_key)
                JOIN gathered g ON g.call_id = c.id
                LEFT JOIN mentioned m ON m.call_id = c.id
                """,
                [.. Gathered(starting), newCalls.Select(c => c.Id).ToArray(), newCalls.Select(c => c.LeaderKey).ToArray(), now]));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO call_leaders (call_id, leader_id)
                SELECT id, unnest(string_to_array(leader_key, '-')::integer[]) FROM unnest($1::bigint[], $2::text[]) AS t(id, leader_key)
                """,
                newCalls.Select(c => c.Id).ToArray(), newCalls.Select(c => c.LeaderKey).ToArray()));
        }

        batch.BatchCommands.Add(Command(
            """
            INSERT INTO readouts (id, call_id, source_id, language, search_config, call_date, published_at, title, url, body, content_hash,
                created_at, updated_at, version, change, updated_by)
            SELECT id, call_id, source_id, language, search_config, call_date, published_at, title, url, body, content_hash,
                $12, $12, 1, 'created', $13
            FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::text[], $5::text[], $6::date[], $7::timestamptz[],
                $8::text[], $9::text[], $10::text[], $11::text[])
                AS t(id, call_id, source_id, language, search_config, call_date, published_at, title, url, body, content_hash)
            """,
            readouts.Select(r => r.Id).ToArray(),
            readouts.Select(r => r.CallId!.Value).ToArray(),
            readouts.Select(r => r.SourceId).ToArray(),
            readouts.Select(r => r.Language).ToArray(),
            readouts.Select(r => r.SearchConfig).ToArray(),
            readouts.Select(r => r.CallDate).ToArray(),
            new NpgsqlParameter { Value = readouts.Select(r => r.PublishedAt).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            readouts.Select(r => r.Title).ToArray(),
            readouts.Select(r => r.Url).ToArray(),
            readouts.Select(r => r.Body).ToArray(),
            readouts.Select(r => r.ContentHash).ToArray(),
            now,
            writer.KeyName));
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO readout_topics (readout_id, topic_id, labels, mentions)
            SELECT readout_id, topic_id,
                coalesce(array_agg(word ORDER BY n) FILTER (WHERE is_label), '{}'), coalesce(array_agg(word ORDER BY n) FILTER (WHERE NOT is_label), '{}')
            FROM unnest($1::bigint[], $2::integer[], $3::boolean[], $4::text[]) WITH ORDINALITY AS t(readout_id, topic_id, is_label, word, n)
            GROUP BY readout_id, topic_id
            """,
            topicWords.Select(t => t.ReadoutId).ToArray(), topicWords.Select(t => t.TopicId).ToArray(),
            topicWords.Select(t => t.IsLabel).ToArray(), topicWords.Select(t => t.Word).ToArray()));
        batch.BatchCommands.Add(Command(
            "INSERT INTO statements (readout_id, position, speaker_id, text) SELECT * FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::text[])",
            statements.Select(s => s.ReadoutId).ToArray(),
            statements.Select(s => s.Position).ToArray(),
            new NpgsqlParameter { Value = statements.Select(s => s.SpeakerId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            statements.Select(s => s.Text).ToArray()));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The parameters $1-$6 of <see cref="GatheredSql"/> for these readouts, linked and with their topics' ids.</summary>
    private static object[] Gathered(List<(ResolvedReadout Item, NpgsqlTsVector Vector, Tagged Tags)> items)
    {
        var topics = items.SelectMany(i => i.Item.Readout.Topics.Select(t => (CallId: i.Item.Readout.CallId!.Value, t.TopicId))).ToList();
        return
        [
            items.Select(i => i.Item.Readout.CallId!.Value).ToArray(),
            items.Select(i => i.Item.Readout.CallDate).ToArray(),
            items.Select(i => i.Item.Readout.SourceId).ToArray(),
            items.Select(i => i.Vector).ToArray(),
            topics.Select(t => t.CallId).ToArray(),
            topics.Select(t => t.TopicId).ToArray(),
        ];
    }

    /// <summary>What the readouts and topics being inserted ($1-$6, from <see cref="Gathered"/>) bring to each call.</summary>
    private const string GatheredSql = """
        WITH gathered AS (
            SELECT call_id, min(call_date) AS date, array_agg(DISTINCT source_id) AS source_ids, tsvector_agg(vector) AS search_vector
            FROM unnest($1::bigint[], $2::date[], $3::integer[], $4::tsvector[]) AS r(call_id, call_date, source_id, vector)
            GROUP BY call_id),
        mentioned AS (
            SELECT call_id, array_agg(DISTINCT topic_id) AS topic_ids
            FROM unnest($5::bigint[], $6::integer[]) AS t(call_id, topic_id)
            GROUP BY call_id)
        """;

    private async Task<(List<long> CallIds, List<long> ReadoutIds)> AllocateIdsAsync(int calls, int readouts, CancellationToken ct)
    {
        await using var batch = db.NewBatch();
        batch.BatchCommands.Add(Command("SELECT nextval(pg_get_serial_sequence('calls', 'id')) FROM generate_series(1, $1)", calls));
        batch.BatchCommands.Add(Command("SELECT nextval(pg_get_serial_sequence('readouts', 'id')) FROM generate_series(1, $1)", readouts));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return (await ReadIdsAsync(reader, ct), await reader.NextResultAsync(ct) ? await ReadIdsAsync(reader, ct) : []);
    }

    private static async Task<List<long>> ReadIdsAsync(DbDataReader reader, CancellationToken ct)
    {
        var ids = new List<long>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
