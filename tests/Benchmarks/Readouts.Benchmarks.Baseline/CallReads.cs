using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Readouts.Benchmarks.Baseline;

/// <summary>
/// GET /api/calls?leader= and GET /api/calls/{id}, answered as the API answers them. What the API
/// orders in SQL is ordered here in SQL (by the database's collation); what it orders in memory
/// with ordinal comparison is ordered here the same way, so the bytes match.
/// </summary>
/// <remarks>
/// Statements are prepared: Npgsql keeps them per physical connection across pool rentals, so
/// PostgreSQL parses and plans each once, as tuned hand-written data access does. The API can do
/// the same with <c>Max Auto Prepare</c> in its connection string.
/// </remarks>
internal sealed class CallReads(NpgsqlDataSource db)
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;
    private const string JsonContentType = "application/json; charset=utf-8";

    // The leader is looked up first, not in a subquery of the page's statement: PostgreSQL then
    // plans the page knowing which leader it is, and walks the (date, id) index for a frequent one
    // instead of reading all their calls from the GIN index and sorting them.
    private const string LeaderIdSql = "SELECT id FROM leaders WHERE slug = $1";

    // One statement: the page, then the leaders, topics and sources it names, each table read once
    // for the whole page (kind 1, 2, 3), rather than once per call; detail is a leader's country or a topic's kind.
    private const string PageStart = """
        WITH page AS MATERIALIZED (
            SELECT id, date, leader_ids, topic_ids, source_ids
            FROM calls
            WHERE leader_ids @> ARRAY[$1]
        """;

    private const string PageEnd = """
            ORDER BY date DESC, id DESC
            LIMIT $2)
        SELECT 0 AS kind, id, date, leader_ids, topic_ids, source_ids, NULL::text AS slug, NULL::text AS name, NULL::text AS detail
        FROM page
        UNION ALL
        SELECT 1, id, NULL, NULL, NULL, NULL, slug, name, country::text
        FROM leaders WHERE id IN (SELECT unnest(leader_ids) FROM page)
        UNION ALL
        SELECT 2, id, NULL, NULL, NULL, NULL, slug, name, kind
        FROM topics WHERE id IN (SELECT unnest(topic_ids) FROM page)
        UNION ALL
        SELECT 3, id, NULL, NULL, NULL, NULL, slug, NULL, NULL
        FROM sources WHERE id IN (SELECT unnest(source_ids) FROM page)
        """;

    private const string FirstPageSql = PageStart + "\n" + PageEnd;

    // A row comparison, which PostgreSQL turns into a start position in the (date, id) index; the
    // same condition spelt with OR is a filter, and a deep page would walk from the newest call.
    private const string NextPageSql = PageStart + "\n        AND (date, id) < ($3, $4)\n" + PageEnd;

    // One round trip: four flat result sets keyed by the call, assembled in memory. As in the API,
    // the call is known by its readouts: a call always has some, and its date is the earliest they give.
    private const string CallLeadersSql = """
        SELECT l.slug, l.name, l.country
        FROM call_leaders cl JOIN leaders l ON l.id = cl.leader_id
        WHERE cl.call_id = $1
        ORDER BY l.name
        """;

    private const string ReadoutsSql = """
        SELECT r.id, r.version, r.updated_at, s.slug, r.language, r.call_date, r.published_at, r.title, r.url, r.body, r.created_at
        FROM readouts r JOIN sources s ON s.id = r.source_id
        WHERE r.call_id = $1 AND r.deleted_at IS NULL
        ORDER BY r.published_at IS NULL, r.published_at, r.id
        """;

    private const string ReadoutTopicsSql = """
        SELECT rt.readout_id, t.slug, t.name, t.kind, cardinality(rt.labels) > 0, rt.mentions
        FROM readouts r
        JOIN readout_topics rt ON rt.readout_id = r.id
        JOIN topics t ON t.id = rt.topic_id
        WHERE r.call_id = $1 AND r.deleted_at IS NULL
        ORDER BY rt.readout_id, t.name
        """;

    private const string StatementsSql = """
        SELECT st.readout_id, sp.slug, sp.name, st.text
        FROM readouts r
        JOIN statements st ON st.readout_id = r.id
        LEFT JOIN leaders sp ON sp.id = st.speaker_id
        WHERE r.call_id = $1 AND r.deleted_at IS NULL
        ORDER BY st.readout_id, st.position
        """;

    public async Task ListAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var query = http.Request.Query;
        if (query["leader"] is not [{ Length: > 0 } slug])
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && !(limitText is [{ } text] && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        DateOnly afterDate = default;
        long afterId = default;
        var hasCursor = query.TryGetValue("cursor", out var cursor);
        if (hasCursor && !(cursor is [{ } cursorText] && CallCursor.TryDecode(cursorText, out afterDate, out afterId)))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // The connection goes back to the pool before the answer is written.
        if (await ReadPageAsync(slug, limit, hasCursor ? (afterDate, afterId) : null, ct) is not { } page)
        {
            http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        await http.Response.WriteAsJsonAsync(page, BaselineJson.Api.CallPage, JsonContentType, ct);
    }

    /// <summary>A page of the leader's calls, or null when there is no leader with that slug.</summary>
    private async Task<CallPage?> ReadPageAsync(string slug, int limit, (DateOnly Date, long Id)? after, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        int leaderId;
        await using (var lookup = new NpgsqlCommand(LeaderIdSql, connection))
        {
            lookup.Parameters.Add(new NpgsqlParameter<string> { TypedValue = slug });
            await lookup.PrepareAsync(ct);
            if (await lookup.ExecuteScalarAsync(ct) is not int id)
            {
                return null;
            }

            leaderId = id;
        }

        var calls = new List<(long Id, DateOnly Date, int[] Leaders, int[] Topics, int[] Sources)>(limit + 1);
        var leaders = new Dictionary<long, LeaderRef>();
        var topics = new Dictionary<long, TopicRef>();
        var sources = new Dictionary<long, string>();
        await using (var page = new NpgsqlCommand(after is null ? FirstPageSql : NextPageSql, connection))
        {
            page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = leaderId });
            page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 });
            if (after is { } cursor)
            {
                page.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = cursor.Date });
                page.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cursor.Id });
            }

            await page.PrepareAsync(ct);
            await using var reader = await page.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var rowId = reader.GetInt64(1);
                switch (reader.GetInt32(0))
                {
                    case 0:
                        calls.Add((rowId, reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<int[]>(3), reader.GetFieldValue<int[]>(4), reader.GetFieldValue<int[]>(5)));
                        break;
                    case 1:
                        leaders.Add(rowId, new LeaderRef(reader.GetString(6), reader.GetString(7), reader.GetString(8)));
                        break;
                    case 2:
                        topics.Add(rowId, new TopicRef(reader.GetString(6), reader.GetString(7), reader.GetString(8)));
                        break;
                    default:
                        sources.Add(rowId, reader.GetString(6));
                        break;
                }
            }
        }

        // UNION ALL promises no order, so the page is put back in its own.
        calls.Sort(static (a, b) => a.Date != b.Date ? b.Date.CompareTo(a.Date) : b.Id.CompareTo(a.Id));
        var items = new List<CallSummary>(calls.Count);
        foreach (var call in calls)
        {
            var callLeaders = Array.ConvertAll(call.Leaders, id => leaders[id]);
            var callTopics = Array.ConvertAll(call.Topics, id => topics[id]);
            var callSources = Array.ConvertAll(call.Sources, id => sources[id]);
            Array.Sort(callLeaders, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            Array.Sort(callTopics, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            Array.Sort(callSources, StringComparer.Ordinal);
            items.Add(new CallSummary(call.Id, call.Date, callLeaders, callTopics, callSources));
        }

        if (items.Count <= limit)
        {
            return new CallPage(items, null);
        }

        items.RemoveAt(limit);
        return new CallPage(items, CallCursor.Encode(items[^1].Date, items[^1].Id));
    }

    public async Task GetAsync(HttpContext http, long id)
    {
        var ct = http.RequestAborted;
        CallDetails call;
        await using (var connection = await db.OpenConnectionAsync(ct))
        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var sql in (ReadOnlySpan<string>)[CallLeadersSql, ReadoutsSql, ReadoutTopicsSql, StatementsSql])
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                batch.BatchCommands.Add(command);
            }

            await batch.PrepareAsync(ct);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            var leaders = new List<LeaderRef>();
            while (await reader.ReadAsync(ct))
            {
                leaders.Add(new LeaderRef(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            await reader.NextResultAsync(ct);
            var readouts = new List<ReadoutResponse>();
            var byId = new Dictionary<long, ReadoutResponse>();
            while (await reader.ReadAsync(ct))
            {
                var readout = new ReadoutResponse(
                    reader.GetInt64(0),
                    id,
                    reader.GetInt32(1),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetFieldValue<DateOnly>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetString(7),
                    reader.GetString(8),
                    reader.GetString(9),
                    leaders,
                    [],
                    [],
                    [],
                    reader.GetFieldValue<DateTimeOffset>(10));
                readouts.Add(readout);
                byId.Add(readout.Id, readout);
            }

            if (readouts.Count == 0)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                // A readout's subject: labelled by it, found in its text, or both.
                var readout = byId[reader.GetInt64(0)];
                var (slug, name, kind, mentions) = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(5));
                if (reader.GetBoolean(4))
                {
                    readout.Topics.Add(new TopicRef(slug, name, kind));
                }

                if (mentions.Length > 0)
                {
                    readout.MentionedTopics.Add(new MentionedTopic(slug, name, kind, mentions));
                }
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var speaker = reader.IsDBNull(1) ? null : new SpeakerRef(reader.GetString(1), reader.GetString(2));
                byId[reader.GetInt64(0)].Statements.Add(new StatementResponse(speaker, reader.GetString(3)));
            }

            // As the API: the readouts' topics in readout order, first occurrence kept, then a stable
            // ordinal sort by name.
            var callTopics = readouts.SelectMany(r => r.Topics.Concat(r.MentionedTopics.Select(m => new TopicRef(m.Slug, m.Name, m.Kind))))
                .Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            call = new CallDetails(id, readouts.Min(r => r.CallDate), leaders, callTopics, readouts);
        }

        // The API's ETag is a hash of the JSON it sends; serialised once here, the body is what is hashed.
        var body = JsonSerializer.SerializeToUtf8Bytes(call, BaselineJson.Api.CallDetails);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        http.Response.Headers.ETag = etag;
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = JsonContentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, ct);
    }
}
