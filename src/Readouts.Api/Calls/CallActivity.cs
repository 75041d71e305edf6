using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Calls;

/// <summary>A page of calls, each with the subjects every one of its sources has.</summary>
public sealed record CallListing(Page<CallSummary> Calls, IReadOnlyDictionary<long, IReadOnlyList<TopicRef>> SharedTopics);

/// <summary>A call, its comparison, and the sources that told it.</summary>
public sealed record CallPage(CallDetails Call, CallComparison Comparison, IReadOnlyDictionary<string, SourceResponse> Sources);

/// <summary>How many calls fell in one month (its first day).</summary>
public sealed record MonthCount(DateOnly Month, int Calls);

/// <summary>A leader or source, and how many calls it has in common with the subject of a page.</summary>
public sealed record LeaderCount(LeaderRef Leader, int Calls);

public sealed record SourceCount(string Source, int Calls);

/// <summary>A leader's calls over time, the counterparts they talk to most, and their latest calls.</summary>
public sealed record LeaderActivity(LeaderRef Leader, IReadOnlyList<MonthCount> Months, IReadOnlyList<LeaderCount> Counterparts, CallListing Latest);

/// <summary>The calls about a subject, and who talks about it in the latest <see cref="CallActivity.RecentCalls"/> of them.</summary>
public sealed record TopicActivity(TopicResponse Topic, CallListing Calls, IReadOnlyList<LeaderCount> Leaders, IReadOnlyList<SourceCount> Sources, int CallsCounted);

/// <summary>
/// What the pages show beyond the API's lists: a list's shared subjects, a leader's calls per
/// month and counterparts, who talks about a subject. The lists themselves are
/// <see cref="CallQueries"/>', so a page lists exactly what GET /api/calls answers.
/// </summary>
public sealed class CallActivity(ReadoutsDbContext db, CallQueries calls, TopicService topics, RegistryNames registry, SourceDirectory sources)
{
    /// <summary>Who talks about a subject is counted over its latest calls only: "energy" is in most of a million.</summary>
    public const int RecentCalls = 1000;

    public const int Counterparts = 10;

    /// <summary>The call with its comparison and its sources' names, or null when there is no such call.</summary>
    public async Task<CallPage?> OfCallAsync(long id, CancellationToken ct)
    {
        if (await calls.GetAsync(id, ct) is not { } call)
        {
            return null;
        }

        return new CallPage(call, CallComparison.Of(call), await sources.BySlugAsync(db, ct));
    }

    public async Task<CallListing> ListAsync(CallQuery query, CancellationToken ct) => await WithSharedTopicsAsync(await calls.ListAsync(query, ct), ct);

    /// <summary>The subjects every source of each call has, by the comparison's rule, from each readout's subjects.</summary>
    private async Task<CallListing> WithSharedTopicsAsync(Page<CallSummary> page, CancellationToken ct)
    {
        var told = page.Items.Where(c => c.Sources.Count > 1).Select(c => c.Id).ToArray();
        if (told.Length == 0)
        {
            return new CallListing(page, new Dictionary<long, IReadOnlyList<TopicRef>>());
        }

        // Each call's subjects per source, read straight off Npgsql: EF's raw query buffered and
        // materialised its ~600 rows a page, and the home page is garbage-collection bound.
        var sides = new Dictionary<long, Dictionary<int, HashSet<int>>>();
        var topicIds = new HashSet<int>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT r.call_id, r.source_id, t.topic_id
                FROM readouts r JOIN readout_topics t ON t.readout_id = r.id
                WHERE r.call_id = ANY(@calls) AND r.deleted_at IS NULL
                """;
            command.Parameters.Add(new NpgsqlParameter("calls", told));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (call, source, topic) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2));
                if (!sides.TryGetValue(call, out var bySource))
                {
                    sides[call] = bySource = [];
                }

                if (!bySource.TryGetValue(source, out var subjects))
                {
                    bySource[source] = subjects = [];
                }

                subjects.Add(topic);
                topicIds.Add(topic);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var names = await registry.NamesAsync(db, [], topicIds, [], ct);
        // A source with no subjects at all has no rows here, yet it is a side: then nothing is shared.
        var sourceCounts = page.Items.ToDictionary(c => c.Id, c => c.Sources.Count);
        var shared = sides.ToDictionary(
            call => call.Key,
            call => (IReadOnlyList<TopicRef>)(call.Value.Count < sourceCounts[call.Key] ? [] : CallComparison.Shared(call.Value.Values.ToList())
                .Select(id => names.Topics[id]).OrderBy(t => t.Name, StringComparer.Ordinal).ToList()));
        return new CallListing(page, shared);
    }

    private sealed record CountRow(int Id, int Calls);

    /// <summary>The leader's activity, or null when no leader has that slug.</summary>
    public async Task<LeaderActivity?> OfLeaderAsync(string slug, CancellationToken ct)
    {
        var bySlug = await registry.LeadersBySlugAsync(db, [slug], ct);
        if (!bySlug.TryGetValue(slug, out var leader) || await calls.ListForLeaderAsync(slug, new CallQuery { Limit = 10 }, ct) is not { } latest)
        {
            return null;
        }

        // Per day off the leader's own list (an index-only scan of call_leaders), months in memory.
        var days = await db.Database.SqlQueryRaw<CountRow>(
            $"""
            SELECT (sort_key >> {CallLeader.IdBits})::integer AS id, count(*)::integer AS calls
            FROM call_leaders WHERE leader_id = @leader GROUP BY 1 ORDER BY 1
            """,
            new NpgsqlParameter("leader", leader.Id)).ToListAsync(ct);
        var months = days.GroupBy(d => MonthOf(DateOnly.FromDayNumber(d.Id))).Select(m => new MonthCount(m.Key, m.Sum(d => d.Calls))).ToList();

        var counterparts = await db.Database.SqlQueryRaw<CountRow>(
            """
            SELECT o.leader_id AS id, count(*)::integer AS calls
            FROM call_leaders l JOIN call_leaders o ON o.call_id = l.call_id AND o.leader_id <> l.leader_id
            WHERE l.leader_id = @leader
            GROUP BY o.leader_id ORDER BY calls DESC, id LIMIT @take
            """,
            new NpgsqlParameter("leader", leader.Id), new NpgsqlParameter("take", Counterparts)).ToListAsync(ct);
        var names = await registry.NamesAsync(db, counterparts.Select(c => c.Id).Append(leader.Id), [], [], ct);

        return new LeaderActivity(names.Leaders[leader.Id], months, counterparts.Select(c => new LeaderCount(names.Leaders[c.Id], c.Calls)).ToList(), await WithSharedTopicsAsync(latest, ct));
    }

    /// <summary>The subject's calls (a page, by cursor) and who talks about it; a merged slug answers the topic it went to.</summary>
    public async Task<TopicActivity?> OfTopicAsync(string slug, string? cursor, CancellationToken ct)
    {
        if (await topics.GetAsync(slug, ct) is not { } lookup)
        {
            return null;
        }

        if (lookup.Topic is null)
        {
            return await OfTopicAsync(lookup.MergedInto!, cursor, ct);
        }

        var listing = await ListAsync(new CallQuery { Topic = lookup.Topic.Slug, Cursor = cursor }, ct);
        if (await topics.FindAsync(lookup.Topic.Slug, ct) is not { } topicId)
        {
            return new TopicActivity(lookup.Topic, listing, [], [], 0);
        }

        var leaders = new List<CountRow>();
        var sources = new List<CountRow>();
        var counted = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The newest calls first off the (date, id) index, which holds the arrays: no visit to the calls.
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                WITH recent AS (
                    SELECT leader_ids, source_ids FROM calls WHERE topic_ids @> ARRAY[@topic]
                    ORDER BY date DESC, id DESC LIMIT @take)
                SELECT 'c', 0, count(*)::integer FROM recent
                UNION ALL SELECT 'l', l, count(*)::integer FROM recent, unnest(leader_ids) l GROUP BY l
                UNION ALL SELECT 's', s, count(*)::integer FROM recent, unnest(source_ids) s GROUP BY s
                """;
            command.Parameters.Add(new NpgsqlParameter("topic", topicId));
            command.Parameters.Add(new NpgsqlParameter("take", RecentCalls));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = new CountRow(reader.GetInt32(1), reader.GetInt32(2));
                switch (reader.GetString(0))
                {
                    case "c": counted = row.Calls; break;
                    case "l": leaders.Add(row); break;
                    default: sources.Add(row); break;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var names = await registry.NamesAsync(db, leaders.Select(l => l.Id), [], sources.Select(s => s.Id), ct);
        return new TopicActivity(
            lookup.Topic,
            listing,
            leaders.OrderByDescending(l => l.Calls).ThenBy(l => names.Leaders[l.Id].Name, StringComparer.Ordinal).Take(Counterparts).Select(l => new LeaderCount(names.Leaders[l.Id], l.Calls)).ToList(),
            sources.OrderByDescending(s => s.Calls).ThenBy(s => names.Sources[s.Id], StringComparer.Ordinal).Select(s => new SourceCount(names.Sources[s.Id], s.Calls)).ToList(),
            counted);
    }

    private static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
