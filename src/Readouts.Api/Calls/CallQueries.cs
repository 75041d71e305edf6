using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Calls;

/// <summary>Reads calls: lists with filters, one call with its readouts, and their comparison.</summary>
public sealed class CallQueries(ReadoutsDbContext db, LeaderResolver leaders, SourceService sources, TopicService topics, RegistryNames registry, ReadoutReader reader)
{
    public async Task<Page<CallSummary>> ListAsync(CallQuery query, CancellationToken ct) =>
        await ListAsync(query, await ResolveLeaderFilterAsync(query, ct), ct);

    /// <summary>The calls of one leader, or null when there is no leader with that slug.</summary>
    public async Task<Page<CallSummary>?> ListForLeaderAsync(string slug, CallQuery query, CancellationToken ct)
    {
        var bySlug = await registry.LeadersBySlugAsync(db, [slug], ct);
        return bySlug.TryGetValue(slug, out var leader) ? await ListAsync(query, [leader.Id, .. await ResolveLeaderFilterAsync(query, ct)], ct) : null;
    }

    private async Task<List<int>> ResolveLeaderFilterAsync(CallQuery query, CancellationToken ct)
    {
        if (query.Leader is not { Length: > 0 } references)
        {
            return [];
        }

        var fields = references.Select((text, i) => new LeaderResolver.Reference(references.Length == 1 ? "leader" : $"leader[{i}]", text)).ToList();
        return (await leaders.ResolveAsync(fields, ct)).Values.Select(l => l.Id).ToList();
    }

    private async Task<Page<CallSummary>> ListAsync(CallQuery query, List<int> leaderIds, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        var page = await ListOffSortedListsAsync(query, leaderIds.Distinct().ToList(), limit, ct)
            ?? await ListByFiltersAsync(query, leaderIds, limit, ct);
        if (page is null)
        {
            return new Page<CallSummary>([], null);
        }

        var names = await registry.NamesAsync(db, page.SelectMany(c => c.LeaderIds), page.SelectMany(c => c.TopicIds), page.SelectMany(c => c.SourceIds), ct);
        var summaries = page.Select(c => new CallSummary(
            c.Id,
            c.Date,
            c.LeaderIds.Select(id => names.Leaders[id]).OrderBy(l => l.Name, StringComparer.Ordinal).ToList(),
            c.TopicIds.Select(id => names.Topics[id]).OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            c.SourceIds.Select(id => names.Sources[id]).Order(StringComparer.Ordinal).ToList())).ToList();
        return Cursor.ToPage(summaries, limit, c => Cursor.Encode(c.Date, c.Id));
    }

    /// <summary>A row of a list page, one more than the limit when there is a next page.</summary>
    private sealed record ListedCall(long Id, DateOnly Date, int[] LeaderIds, int[] TopicIds, int[] SourceIds);

    /// <summary>
    /// The page when only leaders and dates filter it, or only a topic and dates, read off the lists
    /// of calls in newest-first order that call_leaders keeps for each leader and call_topics for each
    /// subject (by sort key): a leader's or a subject's page is its list's first entries however rare
    /// it is, and several leaders' page the merge of their lists. The calls' (date, id) index, which
    /// INCLUDEs the arrays, then gives each call of the page without a visit to the table: 0.2-0.4 ms a
    /// page at a million readouts, where walking the calls' index or sorting GIN's matches took up
    /// to 7 ms for a rare leader and 24 ms for a pair. Null for other filters, and for leaders with a
    /// topic (GIN's bitmaps ANDed serve a common leader with a rare topic, which one list walked and
    /// probing the other would not): <see cref="ListByFiltersAsync"/>. Empty for an unknown topic.
    /// </summary>
    private async Task<List<ListedCall>?> ListOffSortedListsAsync(CallQuery query, List<int> leaderIds, int limit, CancellationToken ct)
    {
        if ((leaderIds.Count > 0) == (query.Topic is not null) || query.Source is not null || !string.IsNullOrWhiteSpace(query.Q))
        {
            return null;
        }

        List<(string Table, string Column, int Id)> lists = [.. leaderIds.Select(id => ("call_leaders", "leader_id", id))];
        if (query.Topic is not null)
        {
            // A topic nobody has used yet is not an error: no call mentions it.
            if (await topics.FindAsync(query.Topic, ct) is not { } topicId)
            {
                return [];
            }

            lists.Add(("call_topics", "topic_id", topicId));
        }

        var others = string.Concat(lists.Skip(1).Select((l, i) => $" JOIN {l.Table} o{i} ON o{i}.sort_key = l.sort_key AND o{i}.{l.Column} = @l{i + 1}"));
        List<NpgsqlParameter> parameters = [.. lists.Select((l, i) => new NpgsqlParameter($"l{i}", l.Id)), new("take", limit + 1)];

        // Bounds only when asked for, and the lower one on the last list: PostgreSQL soon plans this
        // statement once for any values, and guessing at bounds it cannot see, it took a list with
        // both for short and walked it probing the other (29 ms for Putin and a rare leader in a
        // window, whose merge takes 6; 9.5 ms for a pair with no window, whose merge takes 2.5).
        var bounds = "";
        var below = Math.Min(
            Cursor.TryDecode(query.Cursor, out var afterDate, out var afterId) ? CallLeader.SortKeyOf(afterDate, afterId) : long.MaxValue,
            query.To is { } to ? CallLeader.SortKeyOf(to, long.MaxValue) : long.MaxValue);
        if (below < long.MaxValue)
        {
            bounds += " AND l.sort_key < @below";
            parameters.Add(new("below", below));
        }

        if (query.From is { } from)
        {
            bounds += lists.Count > 1 ? $" AND o{lists.Count - 2}.sort_key >= @from" : " AND l.sort_key >= @from";
            parameters.Add(new("from", CallLeader.SortKeyOf(from, 0)));
        }

#pragma warning disable EF1002 // What is interpolated is this method's own tables, joins and bounds; the values are parameters.
        return await db.Database.SqlQueryRaw<ListedCall>($"""
            SELECT c.id, c.date, c.leader_ids, c.topic_ids, c.source_ids
            FROM (
                SELECT l.call_id, l.sort_key FROM {lists[0].Table} l{others}
                WHERE l.{lists[0].Column} = @l0{bounds}
                ORDER BY l.sort_key DESC
                LIMIT @take) p
            JOIN calls c ON c.date = DATE '0001-01-01' + (p.sort_key >> {CallLeader.IdBits})::integer AND c.id = p.call_id
            ORDER BY p.sort_key DESC
            """, [.. parameters]).ToListAsync(ct);
#pragma warning restore EF1002
    }

    /// <summary>Calls matching any filters, newest first; null when a filter cannot match.</summary>
    private async Task<List<ListedCall>?> ListByFiltersAsync(CallQuery query, List<int> leaderIds, int limit, CancellationToken ct)
    {
        var calls = db.Calls.AsNoTracking();

        // Filters are written as "the filter's ids are all in the call's array" (filter <@ column), which
        // the GIN indexes on the arrays serve; "column contains id" would become id = ANY(column), which they cannot.
        if (leaderIds.Count > 0)
        {
            var wanted = leaderIds.Distinct().ToArray();
            calls = calls.Where(c => wanted.All(id => c.LeaderIds.Contains(id)));
        }

        if (query.From is { } from)
        {
            calls = calls.Where(c => c.Date >= from);
        }

        if (query.To is { } to)
        {
            calls = calls.Where(c => c.Date <= to);
        }

        if (query.Source is not null)
        {
            int[] wanted = [await sources.FindIdAsync("source", query.Source, ct)];
            calls = calls.Where(c => wanted.All(id => c.SourceIds.Contains(id)));
        }

        if (query.Topic is not null)
        {
            // A topic nobody has used yet is not an error: no call mentions it.
            if (await topics.FindAsync(query.Topic, ct) is not { } topicId)
            {
                return null;
            }

            int[] wanted = [topicId];
            calls = calls.Where(c => wanted.All(id => c.TopicIds.Contains(id)));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var tsQuery = await ParseSearchAsync(query.Q, ct);
            calls = calls.Where(c => c.SearchVector!.Matches(tsQuery));
        }

        if (Cursor.TryDecode(query.Cursor, out var afterDate, out var afterId))
        {
            // EF cannot translate a row-value comparison (date, id) < (x, y); the first condition
            // alone is what lets the (date, id) index start at the cursor instead of the newest call.
            calls = calls.Where(c => c.Date <= afterDate && (c.Date < afterDate || c.Id < afterId));
        }

        return await calls
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new ListedCall(c.Id, c.Date, c.LeaderIds, c.TopicIds, c.SourceIds))
            .ToListAsync(ct);
    }

    /// <summary>
    /// One call with its readouts, in one query: a call always has readouts (the last one to leave
    /// removes it), and its date is the earliest they give.
    /// </summary>
    public async Task<CallDetails?> GetAsync(long id, CancellationToken ct)
    {
        var readouts = await reader.OfCallAsync(id, ct);
        if (readouts.Count == 0)
        {
            return null;
        }

        var callTopics = readouts.SelectMany(r => r.Topics.Concat(r.MentionedTopics.Select(m => m.ToRef())))
            .Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new CallDetails(id, readouts.Min(r => r.CallDate), readouts[0].Leaders, callTopics, readouts);
    }

    public async Task<CallComparison?> CompareAsync(long id, CancellationToken ct) =>
        await GetAsync(id, ct) is { } call ? CallComparison.Of(call) : null;

    /// <summary>
    /// One query that matches readouts in any language: the user's words parsed and stemmed by every
    /// configuration, OR-ed. Each readout is indexed with its own language's configuration, so the
    /// stemming that fits it is among the alternatives, and the GIN index serves the whole query.
    /// Most configurations stem a word alike, and only the distinct alternatives are kept: the
    /// newest-first walk looks each one up again in every call it checks ("vacuna" gives 29
    /// alternatives, 5 distinct; its first page took 10.4 ms of PostgreSQL's time with all, 3.5 with those).
    /// </summary>
    private async Task<NpgsqlTsQuery> ParseSearchAsync(string q, CancellationToken ct)
    {
        var alternatives = string.Join(", ", SearchLanguages.Configurations.Select(c => $"websearch_to_tsquery('{c}', @q)"));
#pragma warning disable EF1002 // The interpolated names are this class's own constants; the user's text is the parameter @q.
        return await db.Database
            .SqlQueryRaw<NpgsqlTsQuery>($"""
                SELECT coalesce(
                    (SELECT string_agg(DISTINCT '(' || a::text || ')', ' | ') FROM unnest(ARRAY[{alternatives}]) AS a WHERE numnode(a) > 0)::tsquery,
                    websearch_to_tsquery('{SearchLanguages.Configurations[0]}', @q)) AS "Value"
                """, new NpgsqlParameter("q", q))
            .SingleAsync(ct);
#pragma warning restore EF1002
    }
}
